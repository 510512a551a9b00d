# Extended schema declarations: portals, claim mappings and static keys.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  caddySecurity = types.submodule {
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
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      staticApiKeys = mkOption {
        type = types.listOf (types.submodule {
          options = {
            name = mkOption { type = types.str; };
            headerName = mkOption { type = types.str; default = "X-Api-Key"; };
            envVar = mkOption { type = types.str; };
            paths = mkOption { type = types.listOf types.str; default = [ ]; };
            allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
          };
        });
        default = [ ];
      };
    };
  };
  service = name: {
    enable = mkOption { type = types.bool; default = true; };
    reverseProxy = {
      enable = mkEnableOption "publishing ${name}";
      hostName = mkOption { type = types.str; };
      caddySecurity = mkOption { type = caddySecurity; default = { }; };
    };
  };
in
{
  options.modules.services = lib.genAttrs [ "jellyfin" "navidrome" ] service // {
    caddy = {
      security = mkOption { type = types.attrs; default = { }; };
      virtualHosts = mkOption {
        type = types.attrsOf (types.submodule {
          options = {
            hostName = mkOption { type = types.str; };
            caddySecurity = mkOption { type = caddySecurity; default = { }; };
          };
        });
        default = { };
      };
    };
  };
}
