# Extended schema values in one module.
{ pkgs, ... }:
{
  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid = {
      driver = "generic";
      realm = "{env.REALM}";
#              ^^^^^^^^^^^ caddyfile_unsafe_value: the realm `{env.REALM}` is pasted into the Caddyfile unquoted: `{…}` is Caddy's placeholder syntax, not literal text
      scopes = [ "openid" "email" "groups" ];
    };
    authenticationPortals.pocketid.identityProviders = [ "pocketid" ];
    authorizationPolicies = {
      media.allowRoles = [ "media" "authp/admin" ];
      books.allowRoles = [ pkgs.booksRole ];
    };
  };

  modules.services.audiobookshelf.reverseProxy = {
    enable = true;
    hostName = "books.example.com";
    caddySecurity = {
      enable = true;
      portal = "pocketid";
      policy = "media";
      claimRoles = [
        { realm = ""; claim = "groups"; value = "family"; role = "media readers"; }
#                                                                 ^^^^^^^^^^^^^ caddyfile_unsafe_value: claimRoles `role` `media readers` is pasted into the Caddyfile unquoted: Caddy reads 2 tokens, `media` and `readers`, so the transform adds `media` and `readers`
        { claim = "email"; value = "grandma@example.org"; role = "media"; }
      ];
      staticApiKeys = [
        {
          name = "homepage";
          headerName = "X-Api-Key";
          envVar = "ABS_KEY";
          paths = [ "/api/libraries" "/api/me\\" ];
#                                     ^^^^^^^^^ caddyfile_unsafe_value: the static API key path `/api/me\` is pasted into the Caddyfile unquoted: the trailing `\` joins the next line of the Caddyfile to this one
          allowedNetworks = [ "192.168.1.10" ];
        }
      ];
    };
  };

  # Not published: nothing of it is rendered.
  modules.services.navidrome.reverseProxy = {
    enable = false;
    hostName = "music example.com";
    caddySecurity = { enable = true; portal = "pocketid"; policy = "media users"; };
  };
}
