# Whether the security app runs cannot be known: no portal is judged.
{ pkgs, ... }: {
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = pkgs.securityOn;
    identityProviders = {
      pocketid = { driver = "generic"; realm = "pocketid"; };
      pocketid-guests = { driver = "generic"; realm = "guests"; };
    };
    localIdentityStores.local = { realm = "local"; };
    authenticationPortals = {
      pocketid = {
        identityProviders = [ "pocketid" "pocketid-guest" ];
        identityStores = [ "local" ];
      };
      guests = {
        identityProviders = [ "pocketid-guests" ];
        identityStores = [ "localdb" ];
      };
    };
    authorizationPolicies.default.allowRoles = [ "authenticated" ];
  };

  modules.services.paperless.reverseProxy = {
    enable = true;
    hostName = "docs.example.com";
    caddySecurity = { enable = true; portal = "pocket-id"; policy = "default"; };
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
