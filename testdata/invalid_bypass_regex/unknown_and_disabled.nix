# Unknown values and blocks that are off are not checked.
{ pkgs, ... }:
{
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      bypassResources = [ pkgs.radarrRegex "^/api/${pkgs.version}($" ];
    };
  };
  modules.services.lidarr.reverseProxy = {
    enable = true;
    hostName = "lidarr.example.com";
    caddySecurity = {
      enable = true;
      bypassResources = pkgs.lidarrRegexes;
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = false;
      bypassResources = [ "^/api/(" ];
    };
  };
  modules.services.bazarr.reverseProxy = {
    enable = false;
    hostName = "bazarr.example.com";
    caddySecurity = {
      enable = true;
      bypassResources = [ "^/api/(" ];
    };
  };
}
