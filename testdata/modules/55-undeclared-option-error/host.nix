# Scenario 55 (expected to fail): a definition for an option that no
# module declares (reverseProxy.tls). Forcing config checks it.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
  modules.services.grafana.reverseProxy.tls = true;
}
