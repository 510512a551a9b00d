{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options = {
        labels = mkOption { type = types.attrs; default = { default = true; }; };
      };
    };
  };
}
