{
  modules.services.grafana.reverseProxy = {
    notes = "b;";
    tags = [ "b" ];
    meta = { b = 2; shared = "b"; };
    flag = true;
    level = 3;
  };
}
