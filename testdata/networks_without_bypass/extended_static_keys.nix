# Static API keys have their own `allowedNetworks`: the site's list does
# not guard them (SEMANTICS §1.1).
{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    authorizationPolicies.admins.allowRoles = [ "admins" ];
  };
  modules.services.caddy.virtualHosts = {
    radarr = {
      enable = true;
      hostName = "radarr.example.com";
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ ];
        bypassResources = [ ];
        allowedNetworks = [ "192.168.1.0/24" ];
#       ^^^^^^^^^^^^^^^ networks_without_bypass: `allowedNetworks` is set but there is no `bypassPaths` or `bypassResources`: it only limits who may use a bypass, so the site is not restricted to these networks
        staticApiKeys = [
          { name = "homepage"; envVar = "HOMEPAGE_KEY"; paths = [ "/api/v3/queue" ]; allowedNetworks = [ "192.168.1.10" ]; }
        ];
      };
    };
    lidarr = {
      enable = true;
      hostName = "lidarr.example.com";
      caddySecurity = {
        enable = true;
        allowedNetworks = [ "192.168.1.0/24" ];
        bypassResources = pkgs.lidarrRegexes;
      };
    };
    readarr = {
      enable = false;
      hostName = "readarr.example.com";
      caddySecurity = {
        enable = true;
        allowedNetworks = [ "192.168.1.0/24" ];
      };
    };
    bazarr = {
      hostName = "bazarr.example.com";
      caddySecurity = {
        enable = false;
        allowedNetworks = [ "192.168.1.0/24" ];
      };
    };
  };
}
