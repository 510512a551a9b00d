# Extended schema: a site names a portal that does not exist; a portal
# enables a provider and a store that do not exist.
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    identityProviders = {
      pocketid = { driver = "generic"; realm = "pocketid"; };
      pocketid-guests = { driver = "generic"; realm = "guests"; };
    };
    localIdentityStores.local = { realm = "local"; };
    authenticationPortals = {
      pocketid = {
        identityProviders = [ "pocketid" "pocketid-guest" ];
#                                         ^^^^^^^^^^^^^^ unknown_portal: portal `pocketid` enables identity provider `pocketid-guest`, which is not defined
        identityStores = [ "local" ];
      };
      guests = {
        identityProviders = [ "pocketid-guests" ];
        identityStores = [ "localdb" ];
#                           ^^^^^^^ unknown_portal: portal `guests` enables identity store `localdb`, which is not defined
      };
    };
    authorizationPolicies.default.allowRoles = [ "authenticated" ];
  };

  modules.services.paperless.reverseProxy = {
    enable = true;
    hostName = "docs.example.com";
    caddySecurity = { enable = true; portal = "pocket-id"; policy = "default"; };
#                                              ^^^^^^^^^ unknown_portal: portal `pocket-id` is not defined
  };
  modules.services.jellyseerr.reverseProxy = {
    enable = true;
    hostName = "requests.example.com";
    caddySecurity = { enable = true; portal = "guests"; policy = "default"; };
  };
  # Not protected, or not served: the portal is never used.
  modules.services.wiki.reverseProxy = {
    enable = true;
    hostName = "wiki.example.com";
    caddySecurity = { enable = false; portal = "wiki"; };
  };
  modules.services.mealie = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "recipes.example.com";
      caddySecurity = { enable = true; portal = "recipes"; };
    };
  };
}
