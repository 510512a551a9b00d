# Values pocketlint cannot know (they come from `pkgs`): the generated
# Caddyfile is not fully known, so answers come from the schema's
# semantics, and every answer that depends on an unknown value says so.
{ pkgs, ... }:
let
  domain = "box.test";
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
      };
    };
  };

  modules.services = {
    pocketid.reverseProxy = {
      enable = true;
      hostName = "id.${domain}";
    };

    media.reverseProxy = {
      enable = true;
      hostName = "media.${domain}";
      caddySecurity = {
        enable = true;
        bypassPaths = [ "/api" ];
        allowedNetworks = pkgs.homelab.lanNetworks;
      };
    };

    dash.reverseProxy = {
      enable = true;
      hostName = "dash.${domain}";
      caddySecurity = {
        enable = true;
        policy = pkgs.homelab.dashPolicy;
      };
    };

    photos.reverseProxy = {
      enable = true;
      hostName = "photos.${domain}";
      caddySecurity = {
        enable = true;
        policy = "admins";
        claimRoles = pkgs.homelab.photoRoles;
      };
    };

    tv.reverseProxy = {
      enable = true;
      hostName = "tv.${domain}";
      caddySecurity.enable = pkgs.homelab.protectTv;
    };

    rss.reverseProxy = {
      enable = true;
      hostName = pkgs.homelab.rssHost;
    };
  };
}
