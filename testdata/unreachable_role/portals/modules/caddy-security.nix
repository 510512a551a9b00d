# The per-site caddySecurity type, shared by every service module.
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  caddySecurityType = types.submodule {
    options = {
      enable = mkEnableOption "caddy-security";
      portal = mkOption { type = types.str; default = "pocketid"; };
      policy = mkOption { type = types.str; default = "default"; };
      claimRoles = mkOption {
        type = types.listOf (types.submodule {
          options = {
            realm = mkOption { type = types.nullOr types.str; default = null; };
            claim = mkOption { type = types.str; default = "groups"; };
            value = mkOption { type = types.str; };
            role = mkOption { type = types.str; };
          };
        });
        default = [ ];
      };
    };
  };
}
