{ config, lib, ... }:
let
  inherit (config.networking) domain;
  presets = import ./presets.nix { inherit domain; };
  inherit (presets) site;
  withArr = true;
in
{
  networking.domain = "arr.example";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies.admins.allowedGroups = [ "admins" ];
    policies.users.allowedGroups = [ "admins" "users" ];
  };

  modules.services.grafana = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = site "grafana";
      caddySecurity = presets.protect;
    };
  };

  modules.services.sonarr = lib.mkIf withArr {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = site "sonarr";
      caddySecurity = presets.arr;
#     ^^^^^^^^^^^^^ dropped_caddy_security: `sonarr` sets `caddySecurity.enable = true`, but its virtual host `sonarr` is not protected: `sonarr.arr.example` is served without authentication
    };
  };

  modules.services.prowlarr = lib.mkIf withArr {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = site "prowlarr";
      caddySecurity = presets.arr // { policy = "admins"; };
#     ^^^^^^^^^^^^^ dropped_caddy_security: the virtual host `prowlarr` built from `prowlarr` does not carry its caddySecurity `policy`, `bypassPaths` and `allowedNetworks`: `policy` is `users` instead of `admins`; `bypassPaths` lacks `/api`; `allowedNetworks` lacks `192.168.10.0/24`
    };
  };

  modules.services.bazarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "subs.${domain}";
      caddySecurity.enable = true;
#                   ^^^^^^ dropped_caddy_security: `bazarr` sets `caddySecurity.enable = true`, but no virtual host in `modules.services.caddy.virtualHosts` is built from it: the shared Caddy module never protects `subs.arr.example`
    };
  };

  modules.services.jellyfin = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = site "watch";
      caddySecurity = presets.protect;
    };
  };

  modules.services.kavita = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = site "books";
      caddySecurity = presets.arr;
    };
  };

  modules.services.navidrome = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = site "music";
      caddySecurity = presets.protect;
    };
  };
}
