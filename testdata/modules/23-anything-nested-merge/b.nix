{ lib, ... }:
{
  modules.services.grafana.reverseProxy.settings = {
    server.http_port = 3000;
    auth.generic_oauth.scopes = [ "openid" "email" ];
    log.level = "warn";
    users = null;
  };
}
