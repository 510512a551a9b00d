{ config, lib, ... }:
let
  cfg = config.modules.services.sonarr;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.sonarr = {
    enable = lib.mkEnableOption "Sonarr";

    port = lib.mkOption {
      type = lib.types.port;
      default = 8989;
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "sonarr"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.sonarr = {
      enable = true;
      group = "media";
      settings.server.port = cfg.port;
    };

    modules.services.sonarr.reverseProxy.hostName =
      lib.mkDefault "sonarr.${config.networking.domain}";
  };
}
