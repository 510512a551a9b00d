# Pocket ID: passkey-first OIDC provider. It is the identity provider behind
# the caddy-security portal, so its own site must never be protected.
{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
  smtpEnabled = cfg.smtp.host != null;
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";

    domain = lib.mkOption {
      type = lib.types.str;
      example = "id.example.com";
      description = "Public host name; the OIDC issuer is https://<domain>.";
    };

    port = lib.mkOption {
      type = lib.types.port;
      default = 1411;
    };

    uiConfigDisabled = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = ''
        Set UI_CONFIG_DISABLED=true so that Pocket ID takes its application
        settings (SMTP included) from the environment instead of its database.
      '';
    };

    smtp = {
      host = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      port = lib.mkOption { type = lib.types.port; default = 587; };
      tls = lib.mkOption { type = lib.types.enum [ "none" "starttls" "tls" ]; default = "starttls"; };
      username = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      from = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        default = cfg.smtp.username;
        description = "Sender address; defaults to the SMTP user name.";
      };
      passwordFile = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        default = null;
        description = "File with the SMTP password (a sops secret path).";
      };
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "pocketid"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.pocket-id = {
      enable = true;
      settings = {
        APP_URL = "https://${cfg.domain}";
        TRUST_PROXY = true;
        PORT = cfg.port;
        HOST = "127.0.0.1";
        UI_CONFIG_DISABLED = cfg.uiConfigDisabled;
      } // lib.optionalAttrs smtpEnabled {
        SMTP_HOST = cfg.smtp.host;
        SMTP_PORT = cfg.smtp.port;
        SMTP_TLS = cfg.smtp.tls;
        SMTP_USER = cfg.smtp.username;
        SMTP_FROM = cfg.smtp.from;
        SMTP_PASSWORD_FILE = cfg.smtp.passwordFile;
      };
    };

    modules.services.pocketid.reverseProxy = {
      enable = lib.mkDefault true;
      hostName = lib.mkDefault cfg.domain;
    };

    assertions = [
      {
        assertion = !smtpEnabled || cfg.smtp.passwordFile != null;
        message = "modules.services.pocketid.smtp.passwordFile must be set when smtp.host is set.";
      }
      {
        # The portal would redirect to itself forever.
        assertion = !cfg.reverseProxy.caddySecurity.enable;
        message = "modules.services.pocketid: the identity provider's own site cannot be behind caddy-security.";
      }
    ];

    warnings = lib.optional (smtpEnabled && !cfg.uiConfigDisabled)
      "modules.services.pocketid: smtp.* is set but uiConfigDisabled = false; Pocket ID reads SMTP settings from its database unless UI_CONFIG_DISABLED=true, so these values are ignored.";
  };
}
