{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";
    domain = lib.mkOption { type = lib.types.str; default = "id.${config.networking.domain}"; };
    smtp = {
      host = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      port = lib.mkOption { type = lib.types.port; default = 587; };
      username = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      passwordFile = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        # Every host keeps its SMTP password under the same name.
        default = config.sops.secrets."pocketid/smtp".path;
#                                     ^^^^^^^^^^^^^^^ missing_secret: secret `pocketid/smtp` is read here but never declared in `sops.secrets`: NixOS fails to evaluate this host (attribute missing)
      };
    };
  };

  config = lib.mkIf cfg.enable {
    services.pocket-id = {
      enable = true;
      settings.SMTP_PASSWORD_FILE = cfg.smtp.passwordFile;
    };
  };
}
