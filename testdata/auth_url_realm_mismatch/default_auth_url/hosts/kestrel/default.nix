{ config, lib, ... }:
let
  inherit (config.networking) domain;
  oauth = realm: "/caddy-security/oauth2/${realm}";
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
      baseAuthUrl = "https://id.${domain}";
    };
    authenticationPortals.pocketid.identityProviders = [ "pocketid" ];
    authorizationPolicies = {
      default = {
        authUrl = oauth "kestrel-pocketid";
        allowRoles = [ "authenticated" ];
      };
      # authUrl forgotten: the module's default realm `generic` is used.
      media = {
#     ^^^^^ auth_url_realm_mismatch: policy `media` logs in at `/caddy-security/oauth2/generic` (the default), realm `generic`, but portal `pocketid` has no identity provider with that realm: logins fail with "identity provider not found"
        allowRoles = [ "media" "admins" ];
      };
    };
  };

  modules.services.caddy.virtualHosts.grafana = {
    hostName = "grafana.${domain}";
    caddySecurity.enable = true;
  };
}
