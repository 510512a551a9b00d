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

  # The module appends `*` itself: `/api/*` renders as the glob `/api/**`.
  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr // {
        bypassPaths = [ "/api/*" "/feed" "/api" ];
#                        ^^^^^^ bypass_path_format: the bypass path `/api/*` ends in `*`, but the module appends another: `/api/**` is a glob in which `*` does not cross `/`, so only one path segment is bypassed
        staticApiKeys = [
          {
            name = "homepage";
            envVar = "HOMEPAGE_RADARR_KEY";
            paths = [ "api/v3/queue" "/api/v3/movie" ];
#                      ^^^^^^^^^^^^ bypass_path_format: the static API key path `api/v3/queue` does not start with `/`: request paths always do, so it never matches
            allowedNetworks = [ "192.168.1.10" ];
          }
        ];
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
