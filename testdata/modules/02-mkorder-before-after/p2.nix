{ lib, ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = lib.mkBefore [ "/p2-before" ];
  modules.services.grafana.reverseProxy.caddySecurity.allowedNetworks = lib.mkBefore [ "10.2.0.0/16" ];
}
