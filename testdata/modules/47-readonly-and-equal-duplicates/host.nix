# Scenario 47: a readOnly option defined exactly once is fine; str, int,
# bool and enum options accept several definitions with equal values.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./ro.nix ./dup.nix ];

  networking.domain = "dup.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.dup.example";
    backend.port = 3000;
    backend.scheme = "http";
    caddySecurity.policy = "users";
  };
}
