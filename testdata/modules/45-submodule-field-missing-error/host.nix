# Scenario 45 (expected to fail): a claimRoles entry without `role` (no
# default). Forcing the list forces the entry -> no value defined.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];
  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
  modules.services.grafana.reverseProxy.caddySecurity.claimRoles = [ { value = "admins"; } ];
}
