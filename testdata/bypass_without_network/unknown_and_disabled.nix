# Unknown values and blocks that are off are not checked.
{ pkgs, lib, ... }:
{
  modules.services.caddy.virtualHosts = {
    radarr = {
      enable = true;
      hostName = "radarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
        allowedNetworks = pkgs.lanNetworks;
      };
    };
    lidarr = {
      enable = true;
      hostName = "lidarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = pkgs.lidarrPaths;
      };
    };
    readarr = {
      enable = false;
      hostName = "readarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
      };
    };
    bazarr = {
      hostName = "bazarr.example.com";
      caddySecurity = {
        enable = false;
        bypassPaths = [ "/api" ];
      };
    };
    prowlarr = {
      enable = true;
      hostName = "prowlarr.example.com";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
        allowedNetworks = [ "192.168.1.0/24" ];
        staticApiKeys = [
          { name = "homepage"; envVar = "HOMEPAGE_KEY"; allowedNetworks = pkgs.homepageIps; }
        ];
      };
    };
  };
  modules.services.caddy.security = {
    enable = true;
    authorizationPolicies.default.allowRoles = [ "authenticated" ];
  };
}
