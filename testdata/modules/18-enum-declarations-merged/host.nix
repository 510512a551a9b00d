# Scenario 18: an enum option declared twice with different value lists
# (in two declarations of the same submodule). The enums merge, so "gold"
# (only in the second declaration) is accepted.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./tier-a.nix ./tier-b.nix ];

  networking.domain = "enum.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.enum.example";
    backend.port = 3000;
    tier = "gold";
  };
}
