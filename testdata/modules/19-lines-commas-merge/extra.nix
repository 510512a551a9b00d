{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        extraConfig = mkOption { type = types.lines; default = ""; };
        headers = mkOption { type = types.commas; default = ""; };
        searchPath = mkOption { type = types.envVar; default = "/default"; };
      };
    };
  };
  options.modules.services.caddy.security.globalConfig = mkOption { type = types.lines; default = ""; };
}
