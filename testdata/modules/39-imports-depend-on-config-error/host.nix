# Scenario 39 (expected to fail): `imports` computed from `config`.
# Imports must be known before config exists -> infinite recursion.
{ config, lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ]
    ++ lib.optional (config.networking.domain == "err.example") ./extra.nix;

  networking.domain = "err.example";
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.err.example";
    backend.port = 3000;
  };
}
