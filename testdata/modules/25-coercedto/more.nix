{
  modules.services.grafana.reverseProxy.aliases = "dash.coerce.example";
  modules.services.grafana.reverseProxy.upstreams = { "10.0.0.3:3000" = { weight = 5; }; };
}
