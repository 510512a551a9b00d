# Forgets caddySecurity: the virtual host gets the submodule default.
{ config, lib, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.sonarr;
in
{
  options.modules.services.sonarr = t.mkService "Sonarr" 8989;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    modules.services.caddy.virtualHosts.sonarr = {
      hostName = cfg.reverseProxy.hostName;
      backend.port = cfg.port;
    };
  };
}
