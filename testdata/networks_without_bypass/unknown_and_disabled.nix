# Unknown bypass lists, unknown networks and blocks that are off are not
# checked.
{ pkgs, ... }:
{
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = pkgs.jellyfinBypass;
      bypassResources = [ ];
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  modules.services.navidrome.reverseProxy = {
    enable = true;
    hostName = "music.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = pkgs.lanNetworks;
    };
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = pkgs.stdenv.isLinux;
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  modules.services.radarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "radarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = [ ];
        bypassResources = [ ];
        allowedNetworks = [ "192.168.50.0/24" ];
      };
    };
  };
}
