# Scenario 70: instances of one shared submodule type. The first declares
# an extra option in its own definition (a module function); the second defines that option
# without declaring it, which is an error there (declarations are per
# instance even when the type is shared).
{ lib, ... }:
let
  inherit (lib) mkOption types;
  virtualHost = types.submodule {
    options.hostName = mkOption { type = types.str; };
  };
in
{
  options.networking.domain = mkOption { type = types.str; };
  options.modules.services.caddy.security = mkOption {
    type = types.attrsOf types.str;
    default = { };
  };
  options.modules.services.caddy.virtualHosts = mkOption {
    type = types.attrsOf virtualHost;
    default = { };
  };

  config = {
    networking.domain = "shared.example";
    modules.services.caddy.virtualHosts = {
      a = { ... }: {
        options.port = mkOption { type = types.port; default = 80; };
        config.hostName = "a.shared.example";
      };
      b = {
        hostName = "b.shared.example";
        port = 8080;
      };
    };
  };
}
