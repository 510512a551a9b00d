{ config, lib, pkgs, ... }:
let
  cfg = config.modules.services.pocketid;
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";
    smtp.host = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
  };

  config = lib.mkMerge [
    # A disabled service defines no warning at all.
    (lib.mkIf cfg.enable {
      warnings = [ "modules.services.pocketid: never shown" ];
    })
    {
      warnings = lib.optional (cfg.smtp.host != null) "no SMTP host, no warning";
      modules.services.pocketid.enable = false;
    }
  ];
}
