# Pocket ID, the OIDC provider behind every caddy-security portal.
{ config, lib, ... }:
let
  cfg = config.modules.services.pocketid;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.pocketid = {
    enable = lib.mkEnableOption "Pocket ID";

    environmentFile = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "Secrets for Pocket ID (ENCRYPTION_KEY, SMTP_PASSWORD, ...).";
    };

    reverseProxy = cs.mkReverseProxyOption { subdomain = "id"; port = 1411; };
  };

  config = lib.mkIf cfg.enable {
    services.pocket-id = {
      enable = true;
      inherit (cfg) environmentFile;
      settings = {
        APP_URL = "https://${cfg.reverseProxy.subdomain}.${config.networking.domain}";
        TRUST_PROXY = true;
        PORT = cfg.reverseProxy.port;
        ANALYTICS_DISABLED = true;
      };
    };

    modules.services.caddy.virtualHosts.pocketid = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
