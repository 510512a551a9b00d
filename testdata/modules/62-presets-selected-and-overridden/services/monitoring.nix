# Grafana's health endpoint stays reachable without login.
{ ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "/api/health" ];
}
