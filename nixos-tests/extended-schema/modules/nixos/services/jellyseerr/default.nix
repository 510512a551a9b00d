{ config, lib, ... }:
let
  cfg = config.modules.services.jellyseerr;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.jellyseerr = {
    enable = lib.mkEnableOption "jellyseerr";
    reverseProxy = cs.mkReverseProxyOption { subdomain = "requests"; port = 5055; };
  };

  config = lib.mkIf cfg.enable {
    services.jellyseerr = {
      enable = true;
      port = cfg.reverseProxy.port;
    };

    modules.services.caddy.virtualHosts.jellyseerr = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
