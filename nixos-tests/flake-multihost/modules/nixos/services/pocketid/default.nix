# Pocket ID (runs on atlas only). Other machines point their caddy-security
# identity provider at it.
{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";

    domain = lib.mkOption {
      type = lib.types.str;
      default = "id.${config.networking.domain}";
    };

    port = lib.mkOption {
      type = lib.types.port;
      default = 1411;
    };

    uiConfigDisabled = lib.mkOption {
      type = lib.types.bool;
      default = false;
    };

    smtp = {
      host = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      port = lib.mkOption { type = lib.types.port; default = 587; };
      username = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      passwordFile = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
    };
  };

  config = lib.mkIf cfg.enable {
    services.pocket-id = {
      enable = true;
      settings = {
        APP_URL = "https://${cfg.domain}";
        TRUST_PROXY = true;
        PORT = cfg.port;
        UI_CONFIG_DISABLED = cfg.uiConfigDisabled;
      } // lib.optionalAttrs (cfg.smtp.host != null) {
        SMTP_HOST = cfg.smtp.host;
        SMTP_PORT = cfg.smtp.port;
        SMTP_TLS = "starttls";
        SMTP_USER = cfg.smtp.username;
        SMTP_FROM = cfg.smtp.username;
        SMTP_PASSWORD_FILE = cfg.smtp.passwordFile;
      };
    };

    # Never behind caddy-security: it *is* the identity provider.
    modules.services.caddy.virtualHosts.pocketid = {
      hostName = cfg.domain;
      backend.port = cfg.port;
      public = true;
    };

    warnings = lib.optional (cfg.smtp.host != null && !cfg.uiConfigDisabled)
      "modules.services.pocketid: smtp.* is ignored unless uiConfigDisabled = true.";
  };
}
