{ config, lib, ... }:
let
  cfg = config.modules.services.paperless;
  proxy = import ../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.paperless = {
    enable = lib.mkEnableOption "paperless";
    reverseProxy = proxy.mkReverseProxyOption { port = 28981; };
  };

  config = lib.mkIf cfg.enable {
    services.paperless = {
      enable = true;
      port = cfg.reverseProxy.backend.port;
    };

    modules.services.paperless.reverseProxy.hostName =
      lib.mkDefault "docs.${config.networking.domain}";
  };
}
