# The documented schema: policies name Pocket ID groups.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  service = name: {
    enable = mkEnableOption name;
    reverseProxy = {
      enable = mkEnableOption "publishing ${name}";
      hostName = mkOption { type = types.str; default = "${name}.${config.networking.domain}"; };
      caddySecurity = {
        enable = mkEnableOption "caddy-security";
        policy = mkOption { type = types.str; default = "users"; };
        claimRoles = mkOption {
          type = types.listOf (types.submodule {
            options = {
              claim = mkOption { type = types.str; default = "groups"; };
              value = mkOption { type = types.str; };
              role = mkOption { type = types.str; };
            };
          });
          default = [ ];
        };
      };
    };
  };
in
{
  options.networking.domain = mkOption { type = types.str; };
  options.modules.services = lib.genAttrs [ "grafana" "forgejo" "sonarr" ] service // {
    caddy.security = {
      enable = mkEnableOption "the portal";
      portalHost = mkOption { type = types.str; };
      policies = mkOption {
        type = types.attrsOf (types.submodule {
          options.allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
        });
        default = { };
      };
    };
  };
}
