{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  caddySecurityType = import ../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.caddy = {
    security = {
      enable = mkEnableOption "caddy-security";
      identityProviders = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options.realm = mkOption { type = types.str; default = "default"; };
        });
      };
      localIdentityStores = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options.realm = mkOption { type = types.str; default = "local"; };
        });
      };
      authenticationPortals = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options = {
            identityProviders = mkOption { type = types.listOf types.str; default = [ ]; };
            identityStores = mkOption { type = types.listOf types.str; default = [ ]; };
          };
        });
      };
      authorizationPolicies = mkOption {
        default = { };
        type = types.attrsOf (types.submodule {
          options.allowRoles = mkOption { type = types.listOf types.str; default = [ ]; };
        });
      };
    };
    virtualHosts = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          hostName = mkOption { type = types.str; };
          caddySecurity = mkOption { type = caddySecurityType; default = { }; };
        };
      });
    };
  };
}
