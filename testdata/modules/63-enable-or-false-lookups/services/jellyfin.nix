{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  cfg = config.modules.services.jellyfin;
in
{
  options.modules.services.jellyfin = {
    enable = lib.mkEnableOption "Jellyfin";
    reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  };
  config.modules.services.jellyfin.reverseProxy = lib.mkIf (cfg.enable or false) {
    enable = true;
    hostName = "jellyfin.${config.networking.domain}";
    backend.port = 8096;
    caddySecurity = { enable = true; policy = "media"; };
  };
}
