# The *arr stack. The apps have their own API keys, so their APIs skip
# Pocket ID from the LAN (the "API bypass pattern").
{ config, lib, ... }:
let
  lan = [ "192.168.50.0/24" "10.0.0.0/8" ];
in
{
  users.groups.media = { };

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "users";
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "^/api/system/status$" ];
        allowedNetworks = lan;
      };
    };
  };

  # Copied from sonarr, with the v3 status endpoint.
  modules.services.radarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "users";
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "/api/v3/system/status" ];
        allowedNetworks = lan;
      };
    };
  };

  # No allowedNetworks: the caddy module falls back to the `bypass` policy.
  modules.services.prowlarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "admins";
        bypassPaths = [ "/api" ];
      };
    };
  };

  modules.services.bazarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "users";
        bypassPaths = [ "api" ];
        allowedNetworks = lan;
      };
    };
  };

  # "LAN only" was the intent here.
  modules.services.jellyfin = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = {
        enable = true;
        policy = "users";
        claimRoles = [
          { claim = "groups"; value = "Media Users"; role = "users"; }
        ];
        allowedNetworks = [ "192.168.50.0/24" ];
      };
    };
  };
}
