{ config, lib, ... }:
let
  cfg = config.modules.services.sonarr;
  proxy = import ../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.sonarr = {
    enable = lib.mkEnableOption "sonarr";
    reverseProxy = proxy.mkReverseProxyOption { port = 8989; };
  };

  config = lib.mkIf cfg.enable {
    services.sonarr.enable = true;

    modules.services.sonarr.reverseProxy.hostName =
      lib.mkDefault "sonarr.${config.networking.domain}";
  };
}
