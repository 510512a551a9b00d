# Scenario 17 (expected to fail): an enum option (backend.scheme is
# "http" or "https") defined with a value outside the enum.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "enum.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.enum.example";
    backend = { port = 3000; scheme = "ftp"; };
  };
}
