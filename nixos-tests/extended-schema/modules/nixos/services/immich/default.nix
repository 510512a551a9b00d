{ config, lib, ... }:
let
  cfg = config.modules.services.immich;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.immich = {
    enable = lib.mkEnableOption "immich";
    reverseProxy = cs.mkReverseProxyOption { subdomain = "photos"; port = 2283; };
  };

  config = lib.mkIf cfg.enable {
    services.immich = {
      enable = true;
      port = cfg.reverseProxy.port;
      host = "127.0.0.1";
    };

    modules.services.caddy.virtualHosts.immich = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
