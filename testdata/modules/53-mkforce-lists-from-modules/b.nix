{ lib, ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity.allowedNetworks = lib.mkForce [ "10.2.0.0/16" ];
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = lib.mkDefault [ "/default" ];
}
