# caddy-security: identity providers, portals and policies.
{ config, ... }:
let
  inherit (config.networking) domain;
  pocketIdUrl = "https://id.${domain}";
in
{
  modules.services.caddy.security = {
    enable = true;

    identityProviders = {
      pocketid = {
        driver = "generic";
        realm = "kestrel-pocketid";
        clientId = "caddy-security";
        baseAuthUrl = pocketIdUrl;
        metadataUrl = "${pocketIdUrl}/.well-known/openid-configuration";
        scopes = [ "openid" "email" "profile" "groups" ];
        # Pocket ID sits behind this same Caddy.
        delayStart = 5;
      };

      # Separate OIDC client for friends and family outside the household.
      pocketid-guests = {
        driver = "generic";
        realm = "kestrel-guests";
        clientId = "caddy-guests";
        clientSecretEnv = "CADDY_GUESTS_CLIENT_SECRET";
        baseAuthUrl = pocketIdUrl;
        metadataUrl = "${pocketIdUrl}/.well-known/openid-configuration";
        # Guests only need to prove their e-mail address.
        scopes = [ "openid" "email" ];
        delayStart = 5;
      };
    };

    authenticationPortals = {
      pocketid = {
        identityProviders = [ "pocketid" ];
        cookie.domain = domain;
        # Everyone who can log in at all gets `authenticated`.
        extraConfig = ''
          transform user {
            match realm kestrel-pocketid
            action add role authenticated
          }
        '';
      };

      guests = {
        identityProviders = [ "pocketid-guests" ];
        tokenLifetime = 3600;
      };
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

      media = {
        allowRoles = [ "media" "admins" ];
      };

      guests = {
        authUrl = "/caddy-security/oauth2/kestrel-guests";
        allowRoles = [ "guests" ];
        injectHeaders = false;
      };
    };
  };
}
