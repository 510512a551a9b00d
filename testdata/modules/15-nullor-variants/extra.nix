{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services = lib.genAttrs [ "grafana" "loki" ] (_: {
    reverseProxy = mkOption {
      type = types.submodule {
        options = {
          extraPaths = mkOption { type = types.nullOr (types.listOf types.str); default = null; };
          tls = mkOption {
            default = null;
            type = types.nullOr (types.submodule {
              options.email = mkOption { type = types.str; default = "ops@nullor.example"; };
              options.staging = mkOption { type = types.bool; default = false; };
            });
          };
        };
      };
    };
  });
}
