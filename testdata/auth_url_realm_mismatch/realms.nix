# Extended schema: the realm after `/oauth2/` must be the realm of a
# provider of every portal whose sites use the policy.
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    identityProviders = {
      pocketid = { driver = "generic"; realm = "example-pocketid"; };
      guests = { driver = "generic"; realm = "example-guests"; };
    };
    authenticationPortals = {
      main = {
        identityProviders = [ "pocketid" ];
        extraConfig = "";
      };
      family = {
        # Several providers: either realm works.
        identityProviders = [ "guests" "pocketid" ];
        extraConfig = "";
      };
      raw = {
        identityProviders = [ ];
        # Providers added by hand cannot be judged.
        extraConfig = ''
          enable identity provider github
        '';
      };
    };
    authorizationPolicies = {
      # The provider's name, not its realm.
      admins.authUrl = "/caddy-security/oauth2/pocketid";
#                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ auth_url_realm_mismatch: policy `admins` logs in at `/caddy-security/oauth2/pocketid`, realm `pocketid`, but portal `main` has no identity provider with that realm: logins fail with "identity provider not found"
      # Right for `family`, wrong for `main`.
      guests.authUrl = "https://example.com/caddy-security/oauth2/example-guests";
#                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ auth_url_realm_mismatch: policy `guests` logs in at `https://example.com/caddy-security/oauth2/example-guests`, realm `example-guests`, but portal `main` has no identity provider with that realm: logins fail with "identity provider not found"
      users.authUrl = "/caddy-security/oauth2/example-pocketid";
      # Used by no site.
      unused.authUrl = "/caddy-security/oauth2/nothing";
      # Not an OAuth login URL.
      portal.authUrl = "/caddy-security/login";
      handmade.authUrl = "/caddy-security/oauth2/github";
    };
  };

  modules.services.caddy.virtualHosts = {
    grafana = {
      enable = true;
      hostName = "grafana.example.com";
      caddySecurity = { enable = true; portal = "main"; policy = "admins"; };
    };
    jellyseerr = {
      enable = true;
      hostName = "requests.example.com";
      caddySecurity = { enable = true; portal = "family"; policy = "guests"; };
    };
    immich = {
      enable = true;
      hostName = "photos.example.com";
      caddySecurity = { enable = true; portal = "main"; policy = "guests"; };
    };
    nextcloud = {
      enable = true;
      hostName = "cloud.example.com";
      caddySecurity = { enable = true; portal = "family"; policy = "users"; };
    };
    wiki = {
      enable = true;
      hostName = "wiki.example.com";
      caddySecurity = { enable = true; portal = "main"; policy = "portal"; };
    };
    gitea = {
      enable = true;
      hostName = "git.example.com";
      caddySecurity = { enable = true; portal = "raw"; policy = "handmade"; };
    };
    # Not protected.
    status = {
      enable = true;
      hostName = "status.example.com";
      caddySecurity = { enable = false; portal = "main"; policy = "unused"; };
    };
  };
}
