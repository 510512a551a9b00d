{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
  proxy = import ../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";
    domain = lib.mkOption { type = lib.types.str; };
    smtp = {
      host = lib.mkOption { type = lib.types.str; };
      port = lib.mkOption { type = lib.types.port; default = 587; };
      username = lib.mkOption { type = lib.types.str; };
      passwordFile = lib.mkOption { type = lib.types.str; };
    };
    reverseProxy = proxy.mkReverseProxyOption { port = 1411; };
  };

  config = lib.mkIf cfg.enable {
    services.pocket-id = {
      enable = true;
      settings = {
        APP_URL = "https://${cfg.domain}";
        TRUST_PROXY = true;
        UI_CONFIG_DISABLED = true;
        SMTP_HOST = cfg.smtp.host;
        SMTP_PORT = cfg.smtp.port;
        SMTP_TLS = "starttls";
        SMTP_USER = cfg.smtp.username;
        SMTP_FROM = cfg.smtp.username;
        SMTP_PASSWORD_FILE = cfg.smtp.passwordFile;
      };
    };

    modules.services.pocketid.reverseProxy = {
      enable = true;
      hostName = cfg.domain;
    };
  };
}
