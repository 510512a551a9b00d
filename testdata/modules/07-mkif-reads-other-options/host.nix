# Scenario 07: mkIf conditions that read other options of the same
# configuration (the module fixpoint): the portal turns itself on when any
# service asks for protection, services follow each other, and the portal
# host is derived from the final virtual hosts.
{ config, lib, ... }:
let
  svcs = config.modules.services;
  wantsProtection = lib.any (s: s.reverseProxy.caddySecurity.enable)
    (lib.attrValues (removeAttrs svcs [ "caddy" ]));
in
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "fix.example";

  modules.services.caddy.security.enable = lib.mkIf wantsProtection true;
  modules.services.caddy.security.portalHost =
    lib.mkIf (config.modules.services.caddy.virtualHosts ? grafana) "id.${config.networking.domain}";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.${config.networking.domain}";
    backend.port = 3000;
    caddySecurity.enable = lib.hasSuffix ".example" config.networking.domain;
  };

  # prometheus is published only because grafana is.
  modules.services.prometheus.reverseProxy = lib.mkIf svcs.grafana.reverseProxy.enable {
    enable = true;
    hostName = "metrics.${config.networking.domain}";
    backend.port = 9090;
    caddySecurity.policy = lib.mkIf config.modules.services.caddy.security.enable "admins";
  };

  # alertmanager follows prometheus' backend port (+3).
  modules.services.alertmanager.reverseProxy = {
    enable = lib.mkIf (svcs.prometheus.reverseProxy.backend ? port) true;
    hostName = "alerts.${config.networking.domain}";
    backend.port = svcs.prometheus.reverseProxy.backend.port + 3;
  };
}
