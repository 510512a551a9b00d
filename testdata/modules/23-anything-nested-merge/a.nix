{ lib, ... }:
{
  modules.services.grafana.reverseProxy.settings = {
    server = { root_url = "https://grafana.any.example"; protocol = "http"; };
    auth.generic_oauth = { enabled = true; scopes = [ "openid" "email" ]; };
    log.level = lib.mkDefault "info";
  };
}
