{ config, lib, pkgs, ... }:
{
  imports = [
    ./hardware-configuration.nix
    ./security.nix
    ./services.nix
  ];

  networking = {
    hostName = "kestrel";
    domain = "kestrel.example";
  };

  boot.loader.systemd-boot.enable = true;
  boot.supportedFilesystems = [ "zfs" ];
  time.timeZone = "Europe/Amsterdam";

  sops = {
    defaultSopsFile = ../../secrets/kestrel.yaml;
    age.sshKeyPaths = [ "/etc/ssh/ssh_host_ed25519_key" ];
    secrets = {
      # CADDY_SECURITY_CLIENT_SECRET, CADDY_GUESTS_CLIENT_SECRET,
      # CLOUDFLARE_API_TOKEN, HOMEPAGE_*_KEY
      "caddy/env" = {
        owner = "caddy";
        restartUnits = [ "caddy.service" ];
      };
      "pocketid/env".owner = "pocket-id";
    };
  };

  modules.services.caddy = {
    enable = true;
    acme.dnsProvider = "cloudflare";
    environmentFile = config.sops.secrets."caddy/env".path;
  };

  modules.services.pocketid = {
    enable = true;
    environmentFile = config.sops.secrets."pocketid/env".path;
    reverseProxy = {
      enable = true;
      # Only admins should reach the Pocket ID admin screens.
      caddySecurity = {
        enable = true;
        policy = "admins";
      };
    };
  };

  services.openssh.enable = true;
  system.stateVersion = "24.11";
}
