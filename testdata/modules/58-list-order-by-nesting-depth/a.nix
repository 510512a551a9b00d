{
  modules.services.caddy.security.trustedProxies = [ "a" ];
  modules.services.grafana.reverseProxy.aliases = [ "a" ];
  modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "a" ];
  modules.services.caddy.security.policies.users.allowedGroups = [ "a" ];
}
