# The extended schema's options, with the reference module's defaults.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  options.modules.services.caddy = {
    security = {
      enable = mkEnableOption "caddy-security";
      identityProviders = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options = {
            driver = mkOption { type = types.str; default = "generic"; };
            realm = mkOption { type = types.str; default = "default"; };
            baseAuthUrl = mkOption { type = types.str; };
            metadataUrl = mkOption { type = types.nullOr types.str; default = null; };
          };
        });
      };
      authenticationPortals = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options = {
            identityProviders = mkOption { type = types.listOf types.str; default = [ ]; };
            cookie.domain = mkOption { type = types.nullOr types.str; default = null; };
            extraConfig = mkOption { type = types.lines; default = ""; };
          };
        });
      };
      authorizationPolicies = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options = {
            authUrl = mkOption { type = types.str; default = "/caddy-security/oauth2/generic"; };
            allowRoles = mkOption { type = types.listOf types.str; default = [ ]; };
          };
        });
      };
    };
    virtualHosts = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          enable = mkOption { type = types.bool; default = true; };
          hostName = mkOption { type = types.str; };
          caddySecurity = {
            enable = mkEnableOption "caddy-security for this site";
            portal = mkOption { type = types.str; default = "pocketid"; };
            policy = mkOption { type = types.str; default = "default"; };
          };
        };
      });
    };
  };
}
