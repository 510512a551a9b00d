{ config, pkgs, ... }:
let
  inherit (config.networking) domain;
  photos = "http://127.0.0.1:2283";
in
{
  networking.domain = "kestrel.example";

  modules.services.caddy.virtualHosts = {
    immich = {
      hostName = "photos.${domain}";
      caddySecurity.enable = true;
      extraConfig = ''
        @shared path /share/* /api/shared-links/*
        handle @shared {
#       ^^^^^^^^^^^^^^ auth_skipped_by_extra_config: `handle @shared` in the extraConfig of protected site `photos.kestrel.example` runs before the generated `authorize` route (Caddy sorts `handle` before `route`): the requests it matches are served without authentication
          reverse_proxy ${photos}
        }
      '';
    };

    # The extra configuration comes from a package: nothing can be told.
    paperless = {
      hostName = "docs.${domain}";
      caddySecurity.enable = true;
      extraConfig = pkgs.paperless-caddy-snippet;
    };

    # Public site: its handles skip nothing.
    pocketid = {
      hostName = "id.${domain}";
      extraConfig = ''
        handle /caddy-security/* {
          authenticate with pocketid
        }
        handle {
          reverse_proxy 127.0.0.1:1411
        }
      '';
    };

    # Turned off.
    kavita = {
      enable = false;
      hostName = "books.${domain}";
      caddySecurity.enable = true;
      extraConfig = ''
        handle /api/opds/* {
          reverse_proxy 127.0.0.1:5000
        }
      '';
    };
  };
}
