# Scenario 27: defaults computed from other options: hostName from the
# submodule's own subdomain and the host domain, backend from a service
# port option, caddySecurity.enable from the backend scheme. A submodule
# *option* default (backend = { port = 8200; }) is one definition that is
# dropped as soon as the option is defined (vault's own backend block
# replaces it; vault is not enabled, so it is not forwarded).
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "defaults.example";

  modules.services.grafana = {
    port = 3333;
    reverseProxy.enable = true;
  };
  modules.services.loki.reverseProxy = {
    enable = true;
    subdomain = "logs";
    backend.scheme = "https";
    backend.port = 3100;
  };
  modules.services.vault.reverseProxy.backend = { port = 8201; scheme = "https"; };
}
