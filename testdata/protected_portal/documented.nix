# Documented schema: Pocket ID's own site behind caddySecurity, and another
# site on Pocket ID's name (case-insensitive).
{ config, ... }:
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.${config.networking.domain}";
    reverseProxy = {
      enable = true;
      hostName = "id.${config.networking.domain}";
      caddySecurity = {
        enable = true;
#       ^^^^^^ protected_portal: `pocketid` puts `id.example.com` behind caddySecurity, but that is where Pocket ID answers (Pocket ID's `domain`): the portal's redirect to Pocket ID, its discovery fetch and the callback all land in `authorize`, so nobody can log in
        policy = "admins";
      };
    };
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${config.networking.domain}";
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "ID.example.com";
    caddySecurity.enable = true;
#                 ^^^^^^ protected_portal: `grafana` puts `id.example.com` behind caddySecurity, but that is where Pocket ID answers (Pocket ID's `domain`): the portal's redirect to Pocket ID, its discovery fetch and the callback all land in `authorize`, so nobody can log in
  };
}
