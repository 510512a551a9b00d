{ lib, ... }:
{
  # depth 0: an option of the top-level module system
  options.modules.services.caddy.security.trustedProxies = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    default = [ ];
  };
  # depth 1: inside the reverseProxy submodule
  options.modules.services.grafana.reverseProxy = lib.mkOption {
    type = lib.types.submodule {
      options.aliases = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    };
  };
}
