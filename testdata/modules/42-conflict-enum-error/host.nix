# Scenario 42 (expected to fail): an enum defined with two different
# values, both mkForce: equal priorities still conflict.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./other.nix ./more.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
}
