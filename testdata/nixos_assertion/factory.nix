{ config, lib, ... }:
let
  cfg = config.modules.services.ntfy;
in
{
  options.modules.services.ntfy = {
    enable = lib.mkEnableOption "ntfy";
    reverseProxy.enable = lib.mkEnableOption "its reverse proxy";
  };

  config = {
    assertions = [
      {
        assertion = cfg.reverseProxy.enable -> cfg.enable;
        message = "modules.services.ntfy.reverseProxy.enable is set, but modules.services.ntfy.enable is not.";
#                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nixos_assertion: `nixos-rebuild` fails this assertion: modules.services.ntfy.reverseProxy.enable is set, but modules.services.ntfy.enable is not.
      }
      {
        assertion = cfg.reverseProxy.enable;
        message = "holds, never reported";
      }
      {
        # Unknown condition: skipped.
        assertion = builtins.currentSystem == "x86_64-linux";
        message = "only on x86_64";
      }
    ];

    modules.services.ntfy.reverseProxy.enable = true;
  };
}
