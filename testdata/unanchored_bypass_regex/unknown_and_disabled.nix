# Unknown values and blocks that are off are not checked.
{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassResources = pkgs.radarrBypass;
    };
  };
  modules.services.lidarr.reverseProxy = {
    enable = true;
    hostName = "lidarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassResources = [ pkgs.lidarrRegex "${pkgs.prefix}/status" ];
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = false;
      bypassResources = [ "/api/status" ];
    };
  };
  modules.services.readarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "readarr.example.com";
      caddySecurity = {
        enable = true;
        bypassResources = [ "/api/status" ];
      };
    };
  };
  modules.services.bazarr.reverseProxy = {
    enable = pkgs.stdenv.isLinux;
    hostName = "bazarr.example.com";
    caddySecurity = {
      enable = true;
      bypassResources = [ "/api/status" ];
    };
  };
}
