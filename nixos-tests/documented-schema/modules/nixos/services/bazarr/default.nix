{ config, lib, ... }:
let
  cfg = config.modules.services.bazarr;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.bazarr = {
    enable = lib.mkEnableOption "Bazarr";

    port = lib.mkOption {
      type = lib.types.port;
      default = 6767;
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "bazarr"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.bazarr = {
      enable = true;
      group = "media";
      listenPort = cfg.port;
    };

    modules.services.bazarr.reverseProxy.hostName =
      lib.mkDefault "bazarr.${config.networking.domain}";
  };
}
