# Scenario 43 (expected to fail): a string where a port is expected.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = "3000";
  };
}
