# What the virtual host gets depends on a package attribute pocketlint
# cannot evaluate: nothing can be told.
{ config, lib, pkgs, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.navidrome;
in
{
  options.modules.services.navidrome = t.mkService "Navidrome" 4533;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    modules.services.caddy.virtualHosts.navidrome = {
      inherit (cfg.reverseProxy) hostName;
      backend.port = cfg.port;
      caddySecurity = lib.mkIf pkgs.navidrome.meta.available cfg.reverseProxy.caddySecurity;
    };
  };
}
