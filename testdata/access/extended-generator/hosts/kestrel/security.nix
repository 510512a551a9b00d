{ config, ... }:
let
  inherit (config.networking) domain;
  pocketIdUrl = "https://id.${domain}";
in
{
  modules.services.caddy.security = {
    enable = true;
    trustedProxies = [ "10.0.0.1" ];

    identityProviders = {
      pocketid = {
        realm = "kestrel-pocketid";
        clientId = "caddy-security";
        baseAuthUrl = pocketIdUrl;
        metadataUrl = "${pocketIdUrl}/.well-known/openid-configuration";
        scopes = [ "openid" "email" "profile" "groups" ];
        delayStart = 5;
      };
      pocketid-guests = {
        realm = "kestrel-guests";
        clientId = "caddy-guests";
        baseAuthUrl = pocketIdUrl;
        metadataUrl = "${pocketIdUrl}/.well-known/openid-configuration";
        scopes = [ "openid" "email" ];
        delayStart = 5;
      };
    };

    authenticationPortals = {
      pocketid = {
        identityProviders = [ "pocketid" ];
        cookie.domain = domain;
        extraConfig = ''
          transform user {
            match realm kestrel-pocketid
            action add role authenticated
          }
        '';
      };
      guests.identityProviders = [ "pocketid-guests" ];
    };

    authorizationPolicies = {
      default = {
        authUrl = "/caddy-security/oauth2/kestrel-pocketid";
        allowRoles = [ "authenticated" ];
      };
      admins = {
        authUrl = "/caddy-security/oauth2/kestrel-pocketid";
        allowRoles = [ "admins" ];
      };
      media.allowRoles = [ "media" "admins" ];
      family = {
        authUrl = "/caddy-security/oauth2/kestrel-pocketid";
        allowRoles = [ "media" ];
      };
      guests = {
        authUrl = "/caddy-security/oauth2/kestrel-guests";
        allowRoles = [ "guests" ];
      };
    };
  };
}
