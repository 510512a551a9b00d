# The global portal and its policies (documented schema).
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  options.modules.services.caddy.security = {
    enable = mkEnableOption "the caddy-security portal";
    portalHost = mkOption { type = types.str; };
    policies = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
          allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
        };
      });
    };
  };
}
