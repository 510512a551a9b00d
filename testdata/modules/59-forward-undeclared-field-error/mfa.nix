{ lib, ... }:
{
  options.modules.services.grafana.reverseProxy = lib.mkOption {
    type = lib.types.submodule {
      options.caddySecurity = lib.mkOption {
        type = lib.types.submodule {
          options.mfa = lib.mkOption { type = lib.types.bool; default = false; };
        };
      };
    };
  };
}
