# Forwards the block and adds the OPDS feed to the bypasses on the way:
# adding is not dropping.
{ config, lib, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.kavita;
in
{
  options.modules.services.kavita = t.mkService "Kavita" 5000;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    modules.services.caddy.virtualHosts.kavita = {
      inherit (cfg.reverseProxy) hostName;
      backend.port = cfg.port;
      caddySecurity = cfg.reverseProxy.caddySecurity // {
        bypassPaths = cfg.reverseProxy.caddySecurity.bypassPaths ++ [ "/api/opds" ];
      };
    };
  };
}
