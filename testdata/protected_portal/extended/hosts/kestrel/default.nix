{ config, ... }:
let
  inherit (config.networking) domain;
  pocketIdUrl = "https://id.${domain}";
in
{
  networking = {
    hostName = "kestrel";
    domain = "kestrel.example";
  };

  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid = {
      realm = "kestrel-pocketid";
      baseAuthUrl = pocketIdUrl;
      metadataUrl = "${pocketIdUrl}/.well-known/openid-configuration";
    };
    authenticationPortals.pocketid.identityProviders = [ "pocketid" ];
  };

  modules.services.pocketid = {
    enable = true;
    reverseProxy = {
      enable = true;
      # Only admins should reach the Pocket ID admin screens.
      caddySecurity = {
        enable = true;
#       ^^^^^^ protected_portal: `pocketid` puts `id.kestrel.example` behind caddySecurity, but that is where Pocket ID answers (identity provider `pocketid`'s `baseAuthUrl`): the portal's redirect to Pocket ID, its discovery fetch and the callback all land in `authorize`, so nobody can log in
        policy = "admins";
      };
    };
  };

  modules.services.caddy.virtualHosts.grafana = {
    hostName = "grafana.${domain}";
    caddySecurity.enable = true;
  };
}
