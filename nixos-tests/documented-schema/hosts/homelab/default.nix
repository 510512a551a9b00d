# homelab: the single box. Pocket ID + caddy-security in front of every
# web UI, set up as in docs/pocketid-integration-pattern.
{ config, lib, pkgs, ... }:
{
  imports = [
    ./hardware-configuration.nix
    ./secrets.nix
    ./media.nix
    ../../modules/nixos
  ];

  networking = {
    hostName = "homelab";
    domain = "ravenhill.example";
  };

  time.timeZone = "Europe/Berlin";
  boot.loader.systemd-boot.enable = true;
  services.openssh.enable = true;

  # 1. Pocket ID
  modules.services.pocketid = {
    enable = true;
    domain = "id.${config.networking.domain}";
    smtp = {
      host = "smtp.mailgun.org";
      port = 587;
      username = "pocketid@ravenhill.example";
      passwordFile = config.sops.secrets."pocketid/smtp_password".path;
    };
  };

  # 2. The global portal and its policies
  modules.services.caddy = {
    enable = true;
    email = "acme@ravenhill.example";
    security = {
      enable = true;
      portalHost = "id.${config.networking.domain}";
      environmentFile = config.sops.secrets."caddy/pocketid_oidc".path;
      policies = {
        admins.allowedGroups = [ "admins" ];
        users.allowedGroups = [ "admins" "users" ];
        bypass.allowedNetworks = [ "10.0.0.0/8" "192.168.0.0/16" ];
      };
    };
  };

  # 3. Services
  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "grafana.${config.networking.domain}";
      backend.port = 2342;
      caddySecurity = {
        enable = true;
        policy = "admins";
        claimRoles = [
          { claim = "groups"; value = "admins"; role = "admins"; }
        ];
        bypassPaths = [ "/api/health" ];
        allowedNetworks = [ "10.50.0.0/16" ];
      };
    };
  };

  # Public status page for the family, the dashboard itself behind Pocket ID.
  modules.services.uptime-kuma = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "admins";
      };
      extraConfig = ''
        handle /status/* {
          reverse_proxy 127.0.0.1:3001
        }
        handle /api/status-page/* {
          reverse_proxy 127.0.0.1:3001
        }
      '';
    };
  };

  environment.systemPackages = with pkgs; [ htop sops ];

  system.stateVersion = "24.11";
}
