{ config, lib, ... }:
let
  cfg = config.modules.services.radarr;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.radarr = {
    enable = lib.mkEnableOption "Radarr";

    port = lib.mkOption {
      type = lib.types.port;
      default = 7878;
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "radarr"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.radarr = {
      enable = true;
      group = "media";
      settings.server.port = cfg.port;
    };

    modules.services.radarr.reverseProxy.hostName =
      lib.mkDefault "radarr.${config.networking.domain}";
  };
}
