# Which apps run on kestrel and how each one is protected.
{ config, lib, ... }:
let
  lan = [ "192.168.1.0/24" ];
  vpn = [ "10.8.0.0/24" ];
  homepage = [ "192.168.1.10/32" ];
in
{
  modules.services = {
    sonarr = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          policy = "admins";
          bypassPaths = [ "/api" "/feed" ];
          # iCal feed for the family calendar
          bypassResources = [ "^/feed/v3/calendar/sonarr\\.ics$" ];
          allowedNetworks = lan ++ vpn;
        };
      };
    };

    radarr = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          policy = "admins";
          bypassPaths = [ "/api" ];
          allowedNetworks = lan ++ vpn;
          staticApiKeys = [
            {
              name = "homepage";
              envVar = "HOMEPAGE_RADARR_KEY";
              paths = [ "/api/v3/movie" "/api/v3/queue" ];
              allowedNetworks = homepage;
            }
          ];
        };
      };
    };

    prowlarr = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          policy = "admins";
          bypassPaths = [ "/api" ];
          allowedNetworks = lan;
          staticApiKeys = [
            {
              name = "homepage";
              envVar = "HOMEPAGE_PROWLARR_KEY";
              paths = [ "/api/v1/indexerstats" ];
              allowedNetworks = homepage;
            }
          ];
        };
      };
    };

    jellyfin = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          policy = "media";
          claimRoles = [
            { claim = "groups"; value = "family"; role = "media"; }
          ];
        };
      };
    };

    jellyseerr = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          portal = "guests";
          policy = "guests";
          claimRoles = [
            { claim = "groups"; value = "friends"; role = "guests"; }
          ];
        };
      };
    };

    immich = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity.enable = true;
        # Shared albums must open for people without an account.
        extraConfig = ''
          handle /share/* {
            reverse_proxy http://127.0.0.1:2283
          }
          handle /api/shared-links/* {
            reverse_proxy http://127.0.0.1:2283
          }
        '';
      };
    };

    kavita = {
      enable = true;
      opds.enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          allowedNetworks = lan;
        };
      };
    };

    paperless = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          portal = "pocket-id";
        };
      };
    };

    grafana = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = {
          enable = true;
          policy = "admins";
          bypassPaths = [ "/api/health" ];
          allowedNetworks = lan;
        };
      };
    };

    uptime-kuma = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity.enable = true;
      };
    };

    # Migrating from Uptime Kuma; will take over status.<domain>.
    gatus = {
      enable = true;
      reverseProxy = {
        enable = true;
        subdomain = "status";
        caddySecurity.enable = true;
      };
    };
  };
}
