{ lib, ... }:
{
  options.modules.services.caddy.security.trustedProxies = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    default = [ ];
  };
  options.modules.services.grafana.reverseProxy = lib.mkOption {
    type = lib.types.submodule {
      options.aliases = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    };
  };
}
