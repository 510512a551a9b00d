{
  modules.services.grafana.reverseProxy = {
    notes = "a;";
    tags = [ "a" ];
    meta = { a = 1; shared = "a"; };
    flag = false;
    level = 3;
  };
}
