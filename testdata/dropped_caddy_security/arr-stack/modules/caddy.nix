# The shared Caddy module renders modules.services.caddy.virtualHosts.
{ lib, ... }:
let
  t = import ../lib/types.nix { inherit lib; };
in
{
  options.networking.domain = lib.mkOption { type = lib.types.str; };
  options.modules.services.caddy = {
    security = {
      enable = lib.mkEnableOption "the caddy-security portal";
      portalHost = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
      policies = lib.mkOption {
        type = lib.types.attrsOf (lib.types.submodule {
          options.allowedGroups = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
        });
        default = { };
      };
    };
    virtualHosts = lib.mkOption { type = lib.types.attrsOf t.virtualHost; default = { }; };
  };
}
