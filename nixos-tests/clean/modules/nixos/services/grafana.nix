{ config, lib, ... }:
let
  cfg = config.modules.services.grafana;
  proxy = import ../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.grafana = {
    enable = lib.mkEnableOption "grafana";
    reverseProxy = proxy.mkReverseProxyOption { port = 3000; };
  };

  config = lib.mkIf cfg.enable {
    services.grafana = {
      enable = true;
      settings.server.http_port = cfg.reverseProxy.backend.port;
    };

    modules.services.grafana.reverseProxy.hostName =
      lib.mkDefault "grafana.${config.networking.domain}";
  };
}
