# A protected app on the portal's own host name (the portal runs on its
# own site here, apart from Pocket ID).
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    reverseProxy = {
      enable = true;
      hostName = "id.example.com";
    };
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "auth.example.com";
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "Auth.example.com";
#               ^^^^^^^^^^^^^^^^ hostname_mismatch: protected site `grafana` uses `Auth.example.com`, the portal's own host name: the portal's login routes end up behind the login they provide
    caddySecurity.enable = true;
  };
  modules.services.wiki.reverseProxy = {
    enable = true;
    hostName = "wiki.example.com";
    caddySecurity.enable = true;
  };
}
