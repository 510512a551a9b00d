# Consumes module arguments declared elsewhere through its function header.
{ site, mkHost, adminNets, ... }:
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = mkHost "grafana";
    backend.port = 3000;
    caddySecurity = { enable = true; allowedNetworks = adminNets; };
  };
}
