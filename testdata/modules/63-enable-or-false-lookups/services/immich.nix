# Immich declares only a reverseProxy, no `enable` switch.
{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  svc = config.modules.services;
in
{
  options.modules.services.immich.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.immich.reverseProxy = {
    enable = svc.immich.enable or true;
    hostName = "photos.${config.networking.domain}";
    backend.port = 2283;
    caddySecurity.enable = svc.immich.enable or false;
  };
}
