# Declarations for the extended schema, and one generic service module.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  cs = import ../lib/caddy-security.nix { inherit lib; };
  apps = [ "jellyfin" "jellyseerr" "paperless" "audiobookshelf" "grafana" "calibre" "kiwix" "immich" ];
  service = name: {
    enable = mkEnableOption name;
    reverseProxy = {
      enable = mkEnableOption "publishing ${name}";
      hostName = mkOption { type = types.str; default = "${name}.${config.networking.domain}"; };
      caddySecurity = mkOption { type = cs.caddySecurityType; default = { }; };
    };
  };
in
{
  options.networking.domain = mkOption { type = types.str; };
  options.modules.services = lib.genAttrs apps service // {
    caddy.security = {
      enable = mkEnableOption "caddy-security";
      identityProviders = mkOption {
        type = types.attrsOf (types.submodule {
          options = {
            driver = mkOption { type = types.str; default = "generic"; };
            realm = mkOption { type = types.str; default = "default"; };
            scopes = mkOption { type = types.listOf types.str; default = [ "openid" "email" "profile" ]; };
          };
        });
        default = { };
      };
      authenticationPortals = mkOption {
        type = types.attrsOf (types.submodule {
          options = {
            identityProviders = mkOption { type = types.listOf types.str; default = [ ]; };
            identityStores = mkOption { type = types.listOf types.str; default = [ ]; };
            extraConfig = mkOption { type = types.lines; default = ""; };
          };
        });
        default = { };
      };
      authorizationPolicies = mkOption {
        type = types.attrsOf (types.submodule {
          options.allowRoles = mkOption { type = types.listOf types.str; default = [ ]; };
        });
        default = { };
      };
    };
  };
}
