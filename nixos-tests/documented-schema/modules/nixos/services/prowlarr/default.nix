{ config, lib, ... }:
let
  cfg = config.modules.services.prowlarr;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.prowlarr = {
    enable = lib.mkEnableOption "Prowlarr";

    port = lib.mkOption {
      type = lib.types.port;
      default = 9696;
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "prowlarr"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.prowlarr = {
      enable = true;
      settings.server.port = cfg.port;
    };

    modules.services.prowlarr.reverseProxy.hostName =
      lib.mkDefault "prowlarr.${config.networking.domain}";
  };
}
