{ lib, ... }:
{
  modules.services.grafana.reverseProxy.routes.api = [ "/v2" ];
  modules.services.grafana.reverseProxy.lazyRoutes.api = lib.mkBefore [ "/v0" ];
  modules.services.grafana.reverseProxy.lazyRoutes.extra = lib.mkMerge [ (lib.mkIf false [ "/x" ]) ];
}
