{ lib, ... }:
{
  modules.services.grafana.reverseProxy.extraConfig = lib.mkBefore "# first";
  modules.services.grafana.reverseProxy.headers = "X-B";
  modules.services.grafana.reverseProxy.searchPath = "/b";
  modules.services.caddy.security.globalConfig = "# b";
}
