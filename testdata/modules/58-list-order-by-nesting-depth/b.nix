{
  modules.services.caddy.security.trustedProxies = [ "b" ];
  modules.services.grafana.reverseProxy.aliases = [ "b" ];
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "b" ];
  modules.services.caddy.security.policies.users.allowedGroups = [ "b" ];
}
