{ config, lib, pkgs, ... }:
let
  presets = import ../../lib/presets.nix { inherit (config.networking) domain; };
in
{
  networking.hostName = "nas";
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    identityProviders.pocketid = {
      driver = "generic";
      realm = "pocketid";
      baseAuthUrl = "https://id.${config.networking.domain}";
    };
    authenticationPortals.pocketid.identityProviders = [ "pocketid" ];
    authorizationPolicies = {
      default.allowRoles = [ "authenticated" ];
      admins.allowRoles = [ "admins" ];
    };
  };

  # Meant as "LAN only", but the networks guard nothing.
  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.admin // {
        allowedNetworks = presets.lan;
#       ^^^^^^^^^^^^^^^ networks_without_bypass: `allowedNetworks` is set but there is no `bypassPaths` or `bypassResources`: it only limits who may use a bypass, so the site is not restricted to these networks
      };
    };
  };

  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr;
    };
  };

  # The bypass list is unknown: it may be non-empty.
  modules.services.prowlarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.admin // {
        allowedNetworks = presets.lan;
        bypassPaths = pkgs.prowlarrBypassPaths;
      };
    };
  };
}
