# Scenario 40 (expected to fail): two plain definitions of a port (int)
# option with different values.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./other.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
}
