# Also forgets caddySecurity, but the host turns jellyfin off.
{ config, lib, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.jellyfin;
in
{
  options.modules.services.jellyfin = t.mkService "Jellyfin" 8096;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    modules.services.caddy.virtualHosts.jellyfin = {
      inherit (cfg.reverseProxy) hostName;
      backend.port = cfg.port;
    };
  };
}
