# Grafana, Uptime Kuma and Gatus; each registers a virtual host named after
# the service, at "<subdomain>.<domain>".
{ config, lib, ... }:
let
  rp = import ../../lib/reverse-proxy.nix { inherit lib; };
  inherit (config.networking) domain;
  cfg = config.modules.services;

  register = name: lib.mkIf cfg.${name}.enable {
    modules.services.caddy.virtualHosts.${name} = {
      inherit (cfg.${name}.reverseProxy) enable caddySecurity;
      hostName = "${cfg.${name}.reverseProxy.subdomain}.${domain}";
    };
  };
in
{
  options.modules.services = {
    caddy.virtualHosts = lib.mkOption {
      default = { };
      type = lib.types.attrsOf (lib.types.submodule {
        options = {
          enable = lib.mkOption { type = lib.types.bool; default = true; };
          hostName = lib.mkOption { type = lib.types.str; };
          caddySecurity.enable = lib.mkEnableOption "Pocket ID login";
        };
      });
    };
    grafana = {
      enable = lib.mkEnableOption "Grafana";
      reverseProxy = rp.mkReverseProxyOption { subdomain = "grafana"; port = 3000; };
    };
    uptime-kuma = {
      enable = lib.mkEnableOption "Uptime Kuma";
      reverseProxy = rp.mkReverseProxyOption { subdomain = "status"; port = 3001; };
    };
    gatus = {
      enable = lib.mkEnableOption "Gatus";
      reverseProxy = rp.mkReverseProxyOption { subdomain = "gatus"; port = 8080; };
    };
    ntfy = {
      enable = lib.mkEnableOption "ntfy";
      reverseProxy = rp.mkReverseProxyOption { subdomain = "push"; port = 2586; };
    };
  };

  config = lib.mkMerge (map register [ "grafana" "uptime-kuma" "gatus" "ntfy" ]);
}
