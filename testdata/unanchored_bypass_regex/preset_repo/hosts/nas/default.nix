{ config, lib, ... }:
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

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr;
    };
  };

  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr // {
        bypassResources = [ "^/api/v3/system/status$" ];
      };
    };
  };

  modules.services.prowlarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr;
    };
  };
}
