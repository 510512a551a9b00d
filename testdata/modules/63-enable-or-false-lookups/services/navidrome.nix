{ config, lib, ... }:
let t = import ../types.nix { inherit lib; }; in
{
  options.modules.services.navidrome = {
    enable = lib.mkEnableOption "Navidrome";
    reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  };
  config.modules.services.navidrome.reverseProxy = {
    enable = config.modules.services.navidrome.enable or false;
    hostName = "music.${config.networking.domain}";
    backend.port = 4533;
  };
}
