{
  modules.services.grafana.reverseProxy.aliases = [ "metrics.either.example" ];
  modules.services.grafana.reverseProxy.listen = [ "0.0.0.0:443" ];
  modules.services.grafana.reverseProxy.upstream = 8080;
}
