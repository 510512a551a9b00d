{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        routes = mkOption { type = types.attrsOf (types.listOf types.str); default = { }; };
        lazyRoutes = mkOption { type = types.lazyAttrsOf (types.listOf types.str); default = { }; };
        weights = mkOption { type = types.attrsOf types.int; default = { }; };
      };
    };
  };
}
