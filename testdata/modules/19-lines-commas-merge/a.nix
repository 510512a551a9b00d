{ lib, ... }:
{
  modules.services.grafana.reverseProxy.extraConfig = "encode gzip";
  modules.services.grafana.reverseProxy.headers = "X-A";
  modules.services.caddy.security.globalConfig = lib.mkAfter "# a (after)";
}
