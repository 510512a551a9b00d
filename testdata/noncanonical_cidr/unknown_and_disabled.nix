# Networks that cannot be evaluated, and blocks that are off, are not
# checked.
{ pkgs, ... }:
{
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "/api" ];
      allowedNetworks = [ pkgs.lanCidr "${pkgs.lanPrefix}.1/24" ];
    };
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = {
      enable = false;
      bypassPaths = [ "/api" ];
      allowedNetworks = [ "10.0.0.1/8" ];
    };
  };
}
