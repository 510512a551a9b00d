# Scenario 24 (expected to fail): types.anything does not concatenate
# lists. Two different lists for the same attribute conflict.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./a.nix ];

  networking.domain = "any.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.any.example";
    backend.port = 3000;
    settings.auth.scopes = [ "openid" "email" ];
  };
}
