# Scenario 52: a submodule with a freeformType. Undeclared attributes are
# accepted and merged with the freeform type (attrsOf str, priorities
# included); declared options keep their defaults.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./more.nix ];

  networking.domain = "free.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.free.example";
    backend.port = 3000;
    headers.Referrer-Policy = "same-origin";
    headers.Permissions-Policy = "interest-cohort=()";
  };
}
