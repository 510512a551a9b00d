{ lib, ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = lib.mkAfter [ "/p1-after" ];
  modules.services.grafana.reverseProxy.caddySecurity.allowedNetworks = [ "10.1.0.0/16" ];
}
