{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        settings = mkOption { type = types.anything; default = { }; };
      };
    };
  };
}
