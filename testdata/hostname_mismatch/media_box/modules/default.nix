# The shared Caddy options (documented schema) and one service factory.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  rp = import ../lib/reverse-proxy.nix { inherit lib; };
  mkApp = name: sub: {
    enable = mkEnableOption name;
    reverseProxy = rp.mkReverseProxyOption { subdomain = sub; domain = config.networking.domain; };
  };
in
{
  options.modules.services = {
    caddy.security = {
      enable = mkEnableOption "the caddy-security portal";
      portalHost = mkOption {
        type = types.str;
        default = "auth.${config.networking.domain}";
      };
      cookieDomain = mkOption {
        type = types.str;
        default = config.networking.domain;
      };
      policies = mkOption {
        type = types.attrsOf (types.submodule {
          options.allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
        });
        default = { };
      };
    };
    jellyfin = mkApp "Jellyfin" "watch";
    sonarr = mkApp "Sonarr" "sonarr";
    immich = mkApp "Immich" "photos";
    wiki = mkApp "Wiki.js" "wiki";
  };
}
