# Bypass entries that cannot be evaluated, and blocks that are off, are not
# checked.
{ pkgs, ... }:
{
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ pkgs.apiPrefix ];
      bypassResources = [ pkgs.apiRegex ];
      allowedNetworks = [ "192.168.1.0/24" ];
    };
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = false;
      bypassPaths = [ "/" ];
      bypassResources = [ ".*" ];
      allowedNetworks = [ "192.168.1.0/24" ];
    };
  };
}
