{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        aliases = mkOption { type = types.either types.str (types.listOf types.str); default = [ ]; };
        listen = mkOption { type = types.oneOf [ types.port types.str (types.listOf types.str) ]; default = 443; };
        upstream = mkOption { type = types.either types.int types.str; default = "none"; };
      };
    };
  };
}
