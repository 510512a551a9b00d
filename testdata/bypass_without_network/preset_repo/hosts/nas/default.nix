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

  # The admin preset has no networks: the API is open to the internet.
  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.admin // {
        bypassPaths = [ "/api" ];
#                     ^^^^^^^^^^ bypass_without_network: these bypass paths have no `allowedNetworks`: the generated matcher has no `remote_ip`, so any client on the internet skips authentication on them
      };
    };
  };

  # The bypass has networks; the static key does not.
  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr // {
        staticApiKeys = [
          {
            name = "homepage";
#                   ^^^^^^^^ bypass_without_network: this static API key has no `allowedNetworks`: anyone on the internet who has the key skips authentication
            envVar = "HOMEPAGE_RADARR_KEY";
            paths = [ "/api/v3/queue" ];
          }
        ];
      };
    };
  };

  # Both the bypass and the key are limited.
  modules.services.prowlarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr // {
        staticApiKeys = [
          {
            name = "homepage";
            envVar = "HOMEPAGE_PROWLARR_KEY";
            paths = [ "/api/v1/indexerstats" ];
            allowedNetworks = [ "192.168.1.10" ];
          }
        ];
      };
    };
  };
}
