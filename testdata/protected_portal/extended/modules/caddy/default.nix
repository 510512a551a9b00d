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
            realm = mkOption { type = types.str; default = "default"; };
            baseAuthUrl = mkOption { type = types.str; };
            metadataUrl = mkOption { type = types.str; };
          };
        });
      };
      authenticationPortals = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options.identityProviders = mkOption { type = types.listOf types.str; default = [ ]; };
        });
      };
    };
    virtualHosts = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          enable = mkOption { type = types.bool; default = true; };
          hostName = mkOption { type = types.str; };
          caddySecurity = mkOption {
            default = { };
            type = types.submodule {
              options = {
                enable = mkEnableOption "caddy-security for this site";
                policy = mkOption { type = types.str; default = "default"; };
              };
            };
          };
        };
      });
    };
  };
}
