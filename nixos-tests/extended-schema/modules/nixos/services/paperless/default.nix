{ config, lib, ... }:
let
  cfg = config.modules.services.paperless;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.paperless = {
    enable = lib.mkEnableOption "paperless";
    reverseProxy = cs.mkReverseProxyOption { subdomain = "docs"; port = 28981; };
  };

  config = lib.mkIf cfg.enable {
    services.paperless = {
      enable = true;
      port = cfg.reverseProxy.port;
      settings.PAPERLESS_URL = "https://${cfg.reverseProxy.subdomain}.${config.networking.domain}";
    };

    modules.services.caddy.virtualHosts.paperless = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
