# The fallback networks are read from outside the repository: unknown.
{ config, lib, ... }:
let
  domain = config.networking.domain;
in
{
  imports = [ ../../modules/nixos ];

  networking.hostName = "vps";
  networking.domain = "vps.example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies = {
      admins.allowedGroups = [ "admins" ];
      bypass.allowedNetworks = lib.importJSON /etc/nixos/trusted-networks.json;
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

  # Off: not checked.
  modules.services.sonarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "sonarr.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
      };
    };
  };
}
