{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        aliases = mkOption {
          type = types.coercedTo types.str (s: [ s ]) (types.listOf types.str);
          default = [ ];
        };
        timeout = mkOption { type = types.coercedTo types.int toString types.str; default = "30"; };
        upstreams = mkOption {
          type = types.coercedTo (types.listOf types.str)
            (l: lib.listToAttrs (map (u: lib.nameValuePair u { weight = 1; }) l))
            (types.attrsOf (types.submodule { options.weight = mkOption { type = types.int; }; }));
          default = { };
        };
      };
    };
  };
}
