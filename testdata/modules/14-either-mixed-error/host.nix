# Scenario 14 (expected to fail): one definition of an
# `either str (listOf str)` option is a string, the other a list. Neither
# branch accepts all definitions, so the value must be unique -> error.
{ ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ./extra.nix ./more.nix ];

  networking.domain = "either.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.either.example";
    backend.port = 3000;
    aliases = "dash.either.example";
  };
}
