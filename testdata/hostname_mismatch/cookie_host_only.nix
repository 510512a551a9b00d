# A cookie domain that does not cover the portal host: go-authcrunch falls
# back to a host-only cookie, so only the portal host itself ever has it.
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    cookieDomain = "apps.example.com";
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.apps.example.com";
#               ^^^^^^^^^^^^^^^^^^^^^^^^ hostname_mismatch: protected site `grafana` (`grafana.apps.example.com`) never receives the portal's session cookie: the cookie domain does not cover the portal host `id.example.com`, so the cookie stays host-only and the login can never complete
    caddySecurity.enable = true;
  };
}
