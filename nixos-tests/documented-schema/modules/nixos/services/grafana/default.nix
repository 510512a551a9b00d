{ config, lib, ... }:
let
  cfg = config.modules.services.grafana;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.grafana = {
    enable = lib.mkEnableOption "Grafana";

    port = lib.mkOption {
      type = lib.types.port;
      default = 2342;
    };

    reverseProxy = proxy.mkReverseProxyOption { name = "grafana"; port = cfg.port; };
  };

  config = lib.mkIf cfg.enable {
    services.grafana = {
      enable = true;
      settings = {
        server = {
          http_addr = "127.0.0.1";
          http_port = cfg.port;
          domain = cfg.reverseProxy.hostName;
          root_url = "https://${cfg.reverseProxy.hostName}/";
        };
        analytics.reporting_enabled = false;
      };
    };

    modules.services.grafana.reverseProxy.hostName =
      lib.mkDefault "grafana.${config.networking.domain}";
  };
}
