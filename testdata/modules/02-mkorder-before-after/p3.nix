{ lib, ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = lib.mkMerge [
    (lib.mkOrder 750 [ "/p3-750" ])
    (lib.mkBefore [ "/p3-before" ])
    [ "/p3-plain" ]
    (lib.mkOrder 1500 [ "/p3-1500" ])
  ];
  modules.services.grafana.reverseProxy.caddySecurity.allowedNetworks = [ "10.3.0.0/16" ];
}
