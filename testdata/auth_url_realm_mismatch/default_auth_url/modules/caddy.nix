# The reference module's defaults: authUrl `/caddy-security/oauth2/generic`,
# provider realm `default`.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  options.modules.services.caddy.security = {
    enable = mkEnableOption "caddy-security";
    identityProviders = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          driver = mkOption { type = types.str; default = "generic"; };
          realm = mkOption { type = types.str; default = "default"; };
          baseAuthUrl = mkOption { type = types.str; };
        };
      });
    };
    authenticationPortals = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          identityProviders = mkOption { type = types.listOf types.str; default = [ ]; };
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
  options.modules.services.caddy.virtualHosts = mkOption {
    default = { };
    type = types.attrsOf (types.submodule {
      options = {
        hostName = mkOption { type = types.str; };
        caddySecurity = {
          enable = mkEnableOption "caddy-security for this site";
          portal = mkOption { type = types.str; default = "pocketid"; };
          policy = mkOption { type = types.str; default = "default"; };
        };
      };
    });
  };
}
