# The documented schema with the generator of nixos-tests/documented-schema
# (modules/caddy): bypass paths as whole segments (`/p /p/*`), one
# `path_regexp` matcher per regex (paths OR regexes), bypasses without
# networks limited to the `bypass` policy's, one central portal.
{ config, ... }:
let
  domain = "box.test";
  lan = [ "192.168.50.0/24" ];
in
{
  imports = [ ../../modules/caddy ../../modules/apps.nix ];

  networking.domain = domain;

  modules.services.caddy = {
    enable = true;
    security = {
      enable = true;
      portalHost = "id.${domain}";
      policies = {
        admins.allowedGroups = [ "admins" ];
        users.allowedGroups = [ "admins" "users" ];
        media.allowedGroups = [ "media" ];
        bypass.allowedNetworks = [ "10.0.0.0/8" "192.168.0.0/16" ];
      };
    };
  };

  modules.services = {
    pocketid = {
      enable = true;
      reverseProxy = {
        enable = true;
        hostName = "id.${domain}";
      };
    };

    # Paths and a regex: alternatives, each limited to the LAN.
    media.reverseProxy = {
      enable = true;
      hostName = "media.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" "/feed" ];
        bypassResources = [ "^/health$" ];
        allowedNetworks = lan;
      };
    };

    # An unanchored regex.
    radar.reverseProxy = {
      enable = true;
      hostName = "radar.${domain}";
      caddySecurity = {
        enable = true;
        bypassResources = [ "/api/v3/system/status" ];
        allowedNetworks = lan;
      };
    };

    # No leading slash: `path api api/*` never matches.
    books.reverseProxy = {
      enable = true;
      hostName = "books.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "api" ];
        allowedNetworks = lan;
      };
    };

    # No allowedNetworks: the generator uses the `bypass` policy's.
    rss.reverseProxy = {
      enable = true;
      hostName = "rss.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/rss" ];
      };
    };

    # Policy `admins`, no mapping of its own.
    dash.reverseProxy = {
      enable = true;
      hostName = "dash.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
      };
    };

    # Its mapping (family -> admins) is portal-wide: it also opens `dash`.
    photos.reverseProxy = {
      enable = true;
      hostName = "photos.${domain}";
      caddySecurity = {
        enable = true;
        claimRoles = [
          { claim = "groups"; value = "family"; role = "admins"; }
        ];
      };
    };

    # extraConfig: `handle` sorts before the generated routes; `respond`
    # after them never runs.
    kuma.reverseProxy = {
      enable = true;
      hostName = "status.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
      };
      extraConfig = ''
        handle /status/* {
          reverse_proxy 127.0.0.1:3001
        }
        respond /never "not reached" 200
      '';
    };

    # allowedNetworks without any bypass: nothing is restricted.
    tv.reverseProxy = {
      enable = true;
      hostName = "tv.${domain}";
      caddySecurity = {
        enable = true;
        allowedNetworks = [ "192.168.50.0/24" ];
      };
    };

    # A group name with a space, pasted raw.
    family.reverseProxy = {
      enable = true;
      hostName = "family.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
        claimRoles = [
          { claim = "groups"; value = "Media Users"; role = "admins"; }
        ];
      };
    };

    # The seed's "denied despite being in the admins group": policy `media`
    # wants role `media`, which no mapping grants.
    jelly.reverseProxy = {
      enable = true;
      hostName = "jelly.${domain}";
      caddySecurity = {
        enable = true;
        policy = "media";
      };
    };

    public.reverseProxy = {
      enable = true;
      hostName = "public.${domain}";
    };

    # Caddy's private_ranges: 127.0.0.1/8 and fd00::/8, no link-local.
    lan.reverseProxy = {
      enable = true;
      hostName = "lan.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/metrics" ];
        allowedNetworks = [ "private_ranges" ];
      };
    };

    # Host bits set, and a 4-in-6 prefix that no IPv4 client matches.
    mapped.reverseProxy = {
      enable = true;
      hostName = "mapped.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
        allowedNetworks = [ "127.0.0.1/8" "::ffff:10.0.0.0/104" ];
      };
    };

    # Outside the portal's cookie domain (box.test).
    loop.reverseProxy = {
      enable = true;
      hostName = "loop.elsewhere.test";
      caddySecurity.enable = true;
    };
  };
}
