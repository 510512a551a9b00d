# A second declaration of grafana's reverseProxy (type only, no default):
# its submodule options are merged into the first declaration's submodule,
# including a second declaration of caddySecurity that adds an option.
{ lib, ... }:
let inherit (lib) mkOption types; in
{
  options.modules.services.grafana.reverseProxy = mkOption {
    type = types.submodule {
      options.rateLimit = mkOption { type = types.int; default = 100; };
      options.caddySecurity = mkOption {
        type = types.submodule {
          options.mfa = mkOption { type = types.bool; default = false; };
        };
      };
    };
  };
}
