# Scenario 41 (expected to fail): a bool option defined true and false at
# the same priority (bools are not or-ed by types.bool).
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./other.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
  modules.services.grafana.reverseProxy.caddySecurity.enable = true;
}
