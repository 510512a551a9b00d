# nas: the only machine. Everything behind Pocket ID; the *arr API and
# Grafana's health check open to the LAN only.
{ config, lib, pkgs, ... }:
let
  inherit (config.networking) domain;
  lan = [ "192.168.42.0/24" "fd42:7e11:9b3c::/48" ];
in
{
  imports = [ ../../modules/nixos ];

  networking = {
    hostName = "nas";
    domain = "willowbrook.example";
  };

  boot.loader.systemd-boot.enable = true;
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };

  sops = {
    defaultSopsFile = ../../secrets/nas.yaml;
    age.sshKeyPaths = [ "/etc/ssh/ssh_host_ed25519_key" ];
    secrets."pocketid/smtp_password".owner = "pocket-id";
    secrets."caddy/oidc_env".owner = "caddy";
  };

  modules.services.pocketid = {
    enable = true;
    domain = "id.${domain}";
    smtp = {
      host = "smtp.migadu.com";
      username = "id@${domain}";
      passwordFile = config.sops.secrets."pocketid/smtp_password".path;
    };
  };

  modules.services.caddy = {
    enable = true;
    security = {
      enable = true;
      portalHost = "id.${domain}";
      environmentFile = config.sops.secrets."caddy/oidc_env".path;
      policies = {
        admins.allowedGroups = [ "admins" ];
        users.allowedGroups = [ "admins" "family" ];
      };
    };
  };

  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ "/api/health" ];
        allowedNetworks = lan;
      };
    };
  };

  modules.services.paperless = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "users";
        claimRoles = [
          { claim = "groups"; value = "paperless_users"; role = "family"; }
        ];
      };
    };
  };

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "^/calendar/sonarr\\.ics$" ];
        allowedNetworks = lan;
      };
    };
  };

  services.openssh.enable = true;
  environment.systemPackages = [ pkgs.sops ];
  system.stateVersion = "24.11";
}
