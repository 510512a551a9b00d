# Grafana, Uptime Kuma and Gatus (Gatus is replacing Uptime Kuma).
{ config, lib, ... }:
let
  cs = import ../../../../lib/caddy-security.nix { inherit lib; };
  inherit (config.networking) domain;
  cfg = config.modules.services;

  register = serviceName: {
    modules.services.caddy.virtualHosts.${serviceName} = {
      inherit (cfg.${serviceName}.reverseProxy) enable extraConfig caddySecurity;
      hostName = "${cfg.${serviceName}.reverseProxy.subdomain}.${domain}";
      backend.port = cfg.${serviceName}.reverseProxy.port;
    };
  };
in
{
  options.modules.services = {
    grafana = {
      enable = lib.mkEnableOption "Grafana";
      reverseProxy = cs.mkReverseProxyOption { subdomain = "grafana"; port = 3000; };
    };
    uptime-kuma = {
      enable = lib.mkEnableOption "Uptime Kuma";
      reverseProxy = cs.mkReverseProxyOption { subdomain = "status"; port = 3001; };
    };
    gatus = {
      enable = lib.mkEnableOption "Gatus";
      reverseProxy = cs.mkReverseProxyOption { subdomain = "gatus"; port = 8080; };
    };
  };

  config = lib.mkMerge [
    (lib.mkIf cfg.grafana.enable (lib.mkMerge [
      (register "grafana")
      {
        services.grafana = {
          enable = true;
          settings.server = {
            http_port = cfg.grafana.reverseProxy.port;
            root_url = "https://${cfg.grafana.reverseProxy.subdomain}.${domain}/";
          };
        };
      }
    ]))

    (lib.mkIf cfg.uptime-kuma.enable (lib.mkMerge [
      (register "uptime-kuma")
      { services.uptime-kuma.enable = true; }
    ]))

    (lib.mkIf cfg.gatus.enable (lib.mkMerge [
      (register "gatus")
      {
        services.gatus = {
          enable = true;
          settings.web.port = cfg.gatus.reverseProxy.port;
        };
      }
    ]))
  ];
}
