# The reverse: the virtual host named `sonarr` is sonarr's and drops the
# block, while `legacy`, with sonarr's hostName, is protected. The name
# decides the pairing, so the drop is reported on `sonarr`.
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
#                     ^^^^^^ dropped_caddy_security: `sonarr` sets `caddySecurity.enable = true`, but its virtual host `sonarr` is not protected: `tv.example.com` is served without authentication
  };
  modules.services.caddy.virtualHosts.sonarr.hostName = "tv.example.com";
  modules.services.caddy.virtualHosts.legacy = {
    hostName = "sonarr.example.com";
    caddySecurity = config.modules.services.sonarr.reverseProxy.caddySecurity;
  };
}
