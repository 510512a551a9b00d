{
  modules.services.grafana.reverseProxy.labels = {
    team = { name = "a"; oncall = "alice"; };
    tier = "a";
  };
}
