{ config, lib, ... }:
let
  cfg = config.modules.services.jellyfin;
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.jellyfin = {
    enable = lib.mkEnableOption "jellyfin";
    reverseProxy = cs.mkReverseProxyOption { subdomain = "watch"; port = 8096; };
  };

  config = lib.mkIf cfg.enable {
    services.jellyfin.enable = true;

    modules.services.caddy.virtualHosts.jellyfin = {
      inherit (cfg.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.reverseProxy.subdomain}.${config.networking.domain}";
      backend.port = cfg.reverseProxy.port;
    };
  };
}
