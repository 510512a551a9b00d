# Pocket ID portal: on as soon as any media service is enabled; one policy
# group per enabled service.
{ config, lib, ... }:
let
  svc = config.modules.services;
  names = [ "jellyfin" "navidrome" "immich" "paperless" ];
  enabled = builtins.filter (n: svc.${n}.enable or false) names;
in
{
  modules.services.caddy.security = {
    enable = svc.jellyfin.enable or false || svc.paperless.enable or false;
    portalHost = if svc.paperless.enable or false then "paperless-id.${config.networking.domain}" else "id.${config.networking.domain}";
    policies.media.allowedGroups = map (n: "${n}-users") enabled;
    policies.documents = lib.mkIf (svc.paperless.enable or false) { allowedGroups = [ "paperless-users" ]; };
  };
}
