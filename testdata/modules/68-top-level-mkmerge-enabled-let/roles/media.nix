# Media role: Jellyfin and Jellyseerr, protected when the role is on.
{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  enabled = config.modules.roles.media.enable;
  portal = config.modules.services.caddy.security.enable;
  d = config.networking.domain;
in
{
  options.modules.roles.media.enable = lib.mkEnableOption "media role";
  options.modules.services.jellyfin.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  options.modules.services.jellyseerr.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };

  config = lib.mkMerge [
    {
      modules.services.jellyfin.reverseProxy.backend.port = 8096;
      modules.services.jellyseerr.reverseProxy.backend.port = 5055;
    }
    (lib.mkIf enabled {
      modules.services.jellyfin.reverseProxy = {
        enable = true;
        hostName = "jellyfin.${d}";
        caddySecurity = { enable = portal; policy = "media"; };
      };
      modules.services.jellyseerr.reverseProxy = {
        enable = true;
        hostName = "requests.${d}";
        caddySecurity = { enable = portal; policy = "media"; bypassPaths = [ "/api/v1/status" ]; };
      };
      modules.services.caddy.security.policies.media.allowedGroups = [ "media" ];
    })
    (lib.mkIf (!enabled) {
      modules.services.jellyfin.reverseProxy.hostName = "jellyfin.internal";
    })
  ];
}
