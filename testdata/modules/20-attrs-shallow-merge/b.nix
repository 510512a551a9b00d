{
  modules.services.grafana.reverseProxy.labels = {
    team = { name = "b"; };
    region = "eu";
  };
}
