# Paperless-ngx, written by hand before the service factory existed.
{ config, lib, ... }:
let
  cfg = config.modules.services.paperless;
  proxy = import ../../../../lib/proxy.nix { inherit lib; };
in
{
  options.modules.services.paperless = {
    enable = lib.mkEnableOption "Paperless-ngx";

    port = lib.mkOption {
      type = lib.types.port;
      default = 28981;
    };

    reverseProxy = proxy.mkReverseProxyOption "How Paperless is published.";
  };

  config = lib.mkIf cfg.enable {
    services.paperless = {
      enable = true;
      inherit (cfg) port;
      settings = {
        PAPERLESS_URL = "https://${cfg.reverseProxy.hostName}";
        PAPERLESS_OCR_LANGUAGE = "deu+eng";
      };
    };

    modules.services.paperless.reverseProxy = {
      hostName = lib.mkDefault "docs.${config.networking.domain}";
      backend.port = cfg.port;
    };

    modules.services.caddy.virtualHosts.paperless = lib.mkIf cfg.reverseProxy.enable {
      inherit (cfg.reverseProxy) hostName backend;
    };
  };
}
