# Unknown values and blocks that are off are not checked.
{ pkgs, ... }:
{
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ pkgs.radarrPath "${pkgs.prefix}api" ];
    };
  };
  modules.services.lidarr.reverseProxy = {
    enable = true;
    hostName = "lidarr.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = pkgs.lidarrPaths;
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = pkgs.stdenv.isLinux;
      bypassPaths = [ "api" ];
    };
  };
  modules.services.bazarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "bazarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "api" ];
      };
    };
  };
}
