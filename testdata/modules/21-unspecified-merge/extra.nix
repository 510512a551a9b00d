{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        notes = mkOption { };
        tags = mkOption { type = types.unspecified; };
        meta = mkOption { type = types.unspecified; };
        flag = mkOption { };
        level = mkOption { };
      };
    };
  };
}
