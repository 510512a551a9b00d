# Scenario 48 (expected to fail): a readOnly option with a default is
# defined once more: the default counts as a definition too.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./ro.nix ];
  networking.domain = "err.example";
  modules.services.caddy.security.realm = "homelab";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
}
