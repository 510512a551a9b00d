# Correct: forwards the whole block.
{ config, lib, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.grafana;
in
{
  options.modules.services.grafana = t.mkService "Grafana" 3000;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    modules.services.caddy.virtualHosts.grafana = {
      inherit (cfg.reverseProxy) hostName caddySecurity;
      backend.port = cfg.port;
    };
  };
}
