{ lib, ... }:
{
  modules.services.grafana.reverseProxy.extraPaths = [ "/two" ];
  modules.services.grafana.reverseProxy.tls = { staging = true; };
  modules.services.loki.reverseProxy.hostName = lib.mkIf false "never.example";
  modules.services.loki.reverseProxy.tls = lib.mkIf false { staging = true; };
}
