# The extended schema with the generator SEMANTICS §1.1 describes
# (nixos-tests/extended-schema's modules/caddy): one ANDed bypass matcher
# with raw prefixes `/p*`, static-key matchers, the authenticate route,
# `route /* { authorize … }`, then extraConfig. No regexes here: under this
# generator any regex stops Caddy from loading (see extended-refusals).
{ config, ... }:
let
  domain = "kestrel.test";
  lan = [ "192.168.1.0/24" ];
  vpn = [ "10.8.0.0/24" ];
  homepage = [ "192.168.1.10/32" ];
  site = name: port: cs: {
    enable = true;
    hostName = "${name}.${domain}";
    backend.port = port;
    caddySecurity = { enable = true; } // cs;
  };
in
{
  imports = [ ./security.nix ];

  networking.domain = domain;

  modules.services.caddy = {
    enable = true;
    virtualHosts = {
      pocketid = {
        enable = true;
        hostName = "id.${domain}";
        backend.port = 1411;
      };

      sonarr = site "sonarr" 8989 {
        policy = "admins";
        bypassPaths = [ "/api" "/feed" ];
        allowedNetworks = lan ++ vpn;
      };

      # The key route has two paths: it stays after the bypass route, which
      # matches everything it would.
      radarr = site "radarr" 7878 {
        policy = "admins";
        bypassPaths = [ "/api" ];
        allowedNetworks = lan;
        staticApiKeys = [
          {
            name = "homepage";
            envVar = "HOMEPAGE_RADARR_KEY";
            paths = [ "/api/v3/movie" "/api/v3/queue" ];
            allowedNetworks = homepage;
          }
        ];
      };

      # One longer path: the key route sorts before the bypass route.
      prowlarr = site "prowlarr" 9696 {
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

      # "" renders as `path *`: everything, for the LAN.
      kavita = site "books" 5000 {
        bypassPaths = [ "" ];
        allowedNetworks = lan;
      };

      immich = site "photos" 2283 { } // {
        extraConfig = ''
          handle /share/* {
            reverse_proxy http://127.0.0.1:2283
          }
        '';
      };

      # Policy `media` keeps the default authUrl (realm `generic`).
      jellyfin = site "watch" 8096 {
        policy = "media";
        claimRoles = [
          { claim = "groups"; value = "family"; role = "media"; }
        ];
      };

      # Policy `family` allows `media`, granted by jellyfin's mapping.
      audio = site "audio" 13378 {
        policy = "family";
      };

      jellyseerr = site "requests" 5055 {
        portal = "guests";
        policy = "guests";
        claimRoles = [
          { claim = "groups"; value = "friends"; role = "guests"; }
        ];
      };

      grafana = site "grafana" 3000 {
        policy = "admins";
        bypassPaths = [ "/api/health" ];
        allowedNetworks = lan;
      };

      # A bypass without networks: open to every client.
      home-assistant = site "home" 8123 {
        policy = "admins";
        bypassPaths = [ "/api" ];
      };

      # cloudflared connects from 127.0.0.1.
      webhooks = site "hooks" 9000 {
        policy = "admins";
        bypassPaths = [ "/webhook" ];
        allowedNetworks = [ "127.0.0.0/8" ];
      };

      vault = site "vault" 8200 { policy = "admins"; } // {
        basicAuth = {
          admin = "$2a$14$Zkx19XLiW6VYouLHR5NmfOFU0z2GTNmpkT/5qqR7hx4IjWJPDhjvG";
        };
      };
    };
  };
}
