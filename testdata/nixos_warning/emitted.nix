{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.pocketid;
in
{
  options.modules.services.pocketid = {
    smtp.host = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
    uiConfigDisabled = lib.mkOption { type = lib.types.bool; default = false; };
  };

  config = {
    warnings = lib.optional (cfg.smtp.host != null && !cfg.uiConfigDisabled)
      "modules.services.pocketid: smtp.* is set but uiConfigDisabled = false"
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nixos_warning: `nixos-rebuild` warns: modules.services.pocketid: smtp.* is set but uiConfigDisabled = false
      ++ lib.optional (cfg.uiConfigDisabled) "not emitted"
      # Unknown text: skipped.
      ++ [ "built with ${pkgs.hello}" ];

    modules.services.pocketid.smtp.host = "smtp.example.com";
  };
}
