{ lib, ... }:
{
  options.modules.services.grafana.reverseProxy = lib.mkOption {
    type = lib.types.submodule {
      options.headers = lib.mkOption {
        default = { };
        type = lib.types.submodule {
          freeformType = lib.types.attrsOf lib.types.str;
          options.X-Frame-Options = lib.mkOption { type = lib.types.str; default = "DENY"; };
        };
      };
    };
  };
}
