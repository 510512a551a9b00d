# The portal is on: nothing to report.
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity.enable = true;
  };
}
