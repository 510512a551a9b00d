{ lib, ... }:
{
  options.modules.services.grafana.reverseProxy = lib.mkOption {
    type = lib.types.submodule {
      options.tier = lib.mkOption { type = lib.types.enum [ "bronze" "silver" ]; default = "bronze"; };
    };
  };
}
