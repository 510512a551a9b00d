# Policies and virtual hosts whose defaults depend on the attribute name
# (the `name` module argument of attrsOf submodules) and on host config.
{ config, lib, ... }:
let
  t = import ./types.nix { inherit lib; };
  inherit (lib) mkOption types;
  domain = config.networking.domain;
in
{
  options.networking.domain = mkOption { type = types.str; };
  options.modules.services.caddy.security = {
    enable = lib.mkEnableOption "portal";
    portalHost = mkOption { type = types.nullOr types.str; default = null; };
    policies = mkOption {
      default = { };
      type = types.attrsOf (types.submodule ({ name, ... }: {
        options = {
          allowedGroups = mkOption { type = types.listOf types.str; default = [ name ]; };
          allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
        };
      }));
    };
  };
  options.modules.services.caddy.virtualHosts = mkOption {
    default = { };
    type = types.attrsOf (types.submodule ({ name, config, ... }: {
      options = {
        hostName = mkOption { type = types.str; default = "${name}.${domain}"; };
        backend = mkOption { type = t.backend; };
        caddySecurity = mkOption { type = t.caddySecurity; default = { }; };
      };
      config.caddySecurity.policy = lib.mkDefault (if lib.hasPrefix "admin" name then "admins" else "users");
    }));
  };
}
