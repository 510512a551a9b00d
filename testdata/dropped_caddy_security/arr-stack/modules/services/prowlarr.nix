# Forwards only `enable`: the policy, bypasses and networks are lost.
{ config, lib, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.prowlarr;
in
{
  options.modules.services.prowlarr = t.mkService "Prowlarr" 9696;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    modules.services.caddy.virtualHosts.prowlarr = {
      inherit (cfg.reverseProxy) hostName;
      backend.port = cfg.port;
      caddySecurity.enable = cfg.reverseProxy.caddySecurity.enable;
    };
  };
}
