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
#                     ^^^^^^^^^^ bypass_without_network: these bypass paths have no `allowedNetworks`: the generated matcher has no `remote_ip`, so any client on the internet skips authentication on them
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
      };
    };
  };
}
