# Scenario 38 (expected to fail): an option default that reads the option
# itself (through config) -> infinite recursion when the root is forced.
{ config, lib, ... }:
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  options.modules.services.caddy.security.realm = lib.mkOption {
    type = lib.types.str;
    default = "realm-${config.modules.services.caddy.security.realm}";
  };

  config = {
    networking.domain = "err.example";
    modules.services.grafana.reverseProxy = {
      enable = true;
      hostName = "grafana.err.example";
      backend.port = 3000;
    };
  };
}
