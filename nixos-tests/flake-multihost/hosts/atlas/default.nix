# atlas: Pocket ID, monitoring, documents and home automation.
{ config, lib, pkgs, ... }:
let
  inherit (config.networking) domain;
  defaults = import ../../lib/defaults.nix { inherit config lib; };
  proxy = import ../../lib/proxy.nix { inherit lib; };
  sub = proxy.subdomainOf domain;

  monitoring = config.modules.services.grafana.enable or false;
in
{
  imports = [ ./hardware.nix ];

  config = lib.mkMerge [
    {
      networking = {
        hostName = "atlas";
        domain = "fernwood.example";
      };

      sops = {
        defaultSopsFile = ../../secrets/atlas.yaml;
        secrets."pocketid/smtp_password".owner = "pocket-id";
        secrets."caddy/pocketid_oidc".owner = "caddy";
      };

      modules.services.pocketid = {
        enable = true;
        uiConfigDisabled = true;
        smtp = {
          host = "smtp.fastmail.com";
          username = "id@${domain}";
          passwordFile = config.sops.secrets."pocketid/smtp-password".path;
        };
      };

      modules.services.caddy = {
        enable = true;
        security = {
          enable = true;
          pocketIdHost = defaults.pocketIdHost;
          environmentFile = config.sops.secrets."caddy/pocketid_oidc".path;
          inherit (defaults) policies;
        };
      };

      modules.services.paperless = {
        enable = true;
        reverseProxy = {
          enable = true;
          caddySecurity = defaults.caddySecurity.users;
        };
      };

      # The companion apps on the home Wi-Fi use the API with their own
      # long-lived tokens.
      modules.services.home-assistant = {
        enable = true;
        reverseProxy = {
          enable = true;
          caddySecurity = defaults.caddySecurity.admin // {
            bypassPaths = [ "/api" ];
          };
        };
      };

      modules.services.grafana.enable = true;
    }

    (lib.mkIf monitoring {
      modules.services.grafana.reverseProxy = {
        enable = true;
        hostName = sub "metrics";
        caddySecurity = lib.recursiveUpdate defaults.caddySecurity.admin {
          bypassPaths = [ "/api/health" ];
          allowedNetworks = defaults.trusted;
        };
      };
    })

    # Old exposure of the metrics API, kept for when prometheus moves off atlas.
    (lib.mkIf (config.modules.services.prometheus.enable or false) {
      modules.services.grafana.reverseProxy.caddySecurity.allowedNetworks = [ "0.0.0.0/0" ];
    })

    {
      system.stateVersion = "24.05";
    }
  ];
}
