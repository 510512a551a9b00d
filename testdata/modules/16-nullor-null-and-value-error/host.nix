# Scenario 16 (expected to fail): a nullOr option defined as null by one
# module and as a string by another, at the same priority.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./more.nix ];

  networking.domain = "nullor.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.nullor.example";
    backend.port = 3000;
  };
}
