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

  # Paths and a regex: the matcher needs both, so `/api` stops bypassing.
  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr // {
        bypassResources = [ "^/feed/v3/calendar/sonarr\\.ics$" ];
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass_matcher_conflict: `bypassPaths` and `bypassResources` go into one Caddy matcher, which requires both: a request skips authentication only if its path has one of the prefixes AND matches the regex
      };
    };
  };

  # Two regexes from the preset: only one survives.
  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.calendar;
    };
  };

  # Paths only: fine.
  modules.services.prowlarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr;
    };
  };
}
