# Scenario 49 (expected to fail): types.uniq rejects a second definition
# even when both values are equal (a plain str would accept them).
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./u.nix ];
  networking.domain = "err.example";
  modules.services.caddy.security.issuer = "https://id.err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
}
