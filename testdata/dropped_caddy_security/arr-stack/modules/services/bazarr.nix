# Older module: writes its NixOS Caddy site by hand and never registers a
# virtual host, so the shared module's protection never applies.
{ config, lib, ... }:
let
  t = import ../../lib/types.nix { inherit lib; };
  cfg = config.modules.services.bazarr;
in
{
  options.modules.services.bazarr = t.mkService "Bazarr" 6767;

  config = lib.mkIf (cfg.enable && cfg.reverseProxy.enable) {
    services.caddy.virtualHosts.${cfg.reverseProxy.hostName}.extraConfig = ''
      reverse_proxy 127.0.0.1:${toString cfg.port}
    '';
  };
}
