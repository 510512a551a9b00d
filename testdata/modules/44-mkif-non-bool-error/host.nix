# Scenario 44 (expected to fail): mkIf with a string condition.
{ lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
  modules.services.grafana.reverseProxy.caddySecurity.enable = lib.mkIf "yes" true;
}
