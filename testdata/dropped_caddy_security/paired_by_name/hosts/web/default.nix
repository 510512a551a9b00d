# A service is paired with the virtual host registered under its own name
# before one that merely shares its hostName: `sonarr` forwards its block
# to virtual host `sonarr`, so the unprotected `legacy` (which happens to
# use sonarr's hostName) is not sonarr's and nothing is dropped.
{ config, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = { enable = true; policy = "admins"; };
  };
  modules.services.caddy.virtualHosts.sonarr = {
    hostName = "tv.example.com";
    caddySecurity = config.modules.services.sonarr.reverseProxy.caddySecurity;
  };
  modules.services.caddy.virtualHosts.legacy.hostName = "sonarr.example.com";
}
