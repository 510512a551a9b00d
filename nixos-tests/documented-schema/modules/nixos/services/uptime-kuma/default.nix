{ config, lib, ... }:
let
  cfg = config.modules.services.uptime-kuma;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.uptime-kuma = {
    enable = lib.mkEnableOption "Uptime Kuma";

    port = lib.mkOption {
      type = lib.types.port;
      default = 3001;
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "uptime-kuma"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.uptime-kuma = {
      enable = true;
      settings = {
        HOST = "127.0.0.1";
        PORT = toString cfg.port;
      };
    };

    modules.services.uptime-kuma.reverseProxy.hostName =
      lib.mkDefault "status.${config.networking.domain}";
  };
}
