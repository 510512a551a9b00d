# With the security app off nothing is really protected; `portal_disabled`
# reports the site.
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    reverseProxy = {
      enable = true;
      hostName = "id.example.com";
      caddySecurity.enable = true;
    };
  };
  modules.services.caddy.security.enable = false;
}
