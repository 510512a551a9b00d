{ lib, ... }:
{
  modules.services.grafana.reverseProxy.caddySecurity = lib.mkForce {
    enable = true;
    policy = "admins";
  };
  modules.services.loki.reverseProxy.caddySecurity.policy = lib.mkForce "admins";
  modules.services.gitea.reverseProxy.backend = lib.mkForce { port = 3001; };
  modules.services.wiki.reverseProxy.caddySecurity = lib.mkDefault {
    policy = "admins";
    bypassPaths = [ "/a" ];
  };
}
