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

  # Both use the preset's broken regex: one finding, at the preset.
  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr;
    };
  };

  modules.services.prowlarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr;
    };
  };

  # Go reads `{id}` as literal text: valid RE2, though Rust's regex rejects it.
  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.arr // {
        bypassResources = [ "^/api/v3/movie/{id}$" "^/feed/(?<name>[a-z]+)\\.ics$" ];
      };
    };
  };
}
