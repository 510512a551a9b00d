# Scenario 26: `apply` transforms the merged value of an option; everything
# that reads the option (here caddy.nix) sees the transformed value. The
# hostName is lower-cased, bypassPaths are de-duplicated and sorted, and a
# null portalHost is replaced by a value computed from config.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./more.nix ];

  networking.domain = "apply.example";
  modules.services.caddy.security.enable = true;

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "Grafana.APPLY.example";
    backend.port = 3000;
    caddySecurity.bypassPaths = [ "/api" "/health" ];
  };
}
