{ config, lib, ... }:
let
  domain = config.networking.domain;
  lan = [ "192.168.10.0/24" ];
in
{
  imports = [ ../../modules/nixos ];

  networking.hostName = "homelab";
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies = {
      admins.allowedGroups = [ "admins" ];
      users.allowedGroups = [ "admins" "users" ];
    };
  };

  modules.services.home-assistant = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "home.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ "/api" ];
      };
    };
  };

  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "grafana.${domain}";
      caddySecurity = lib.mkMerge [
        { enable = true; policy = "admins"; }
        (lib.mkIf (config.networking.hostName == "homelab") {
          bypassPaths = [ "/api/health" ];
          allowedNetworks = lan;
        })
      ];
    };
  };

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "sonarr.${domain}";
      caddySecurity = {
        enable = true;
        allowedNetworks = lan;
#       ^^^^^^^^^^^^^^^ networks_without_bypass: `allowedNetworks` is set but there is no `bypassPaths` or `bypassResources`: it only limits who may use a bypass, so the site is not restricted to these networks
      };
    };
  };
}
