{ lib, ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity.allowedNetworks = lib.mkForce [ "10.1.0.0/16" ];
  modules.services.loki.reverseProxy.caddySecurity.bypassPaths = lib.mkForce [ ];
}
