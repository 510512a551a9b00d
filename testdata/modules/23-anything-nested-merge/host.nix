# Scenario 23: types.anything merges attribute sets recursively across
# modules, honours priorities inside (log.level), accepts equal lists and
# equal values, and keeps nulls.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./a.nix ./b.nix ];

  networking.domain = "any.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.any.example";
    backend.port = 3000;
    settings.server.protocol = "http";
    settings.security.admin_user = "admin";
  };
}
