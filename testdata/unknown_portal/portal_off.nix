# With the security app off, `portal_disabled` reports the site; the
# documented schema has no portals at all.
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = false;
    authenticationPortals.pocketid.identityProviders = [ "nope" ];
  };
  modules.services.paperless.reverseProxy = {
    enable = true;
    hostName = "docs.example.com";
    caddySecurity = { enable = true; portal = "pocket-id"; };
  };
}
