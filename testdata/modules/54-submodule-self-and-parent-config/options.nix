# Host-wide options: the domain, the caddy-security portal and the
# virtual hosts rendered by caddy.nix.
{ config, lib, ... }:
let
  outer = config;
  t = import ./types.nix { inherit lib; };
in
{
  options.networking.domain = lib.mkOption { type = lib.types.str; };
  options.modules.services.caddy.security = {
    enable = lib.mkEnableOption "portal";
    portalHost = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
    policies = lib.mkOption {
      default = { };
      type = lib.types.attrsOf (lib.types.submodule ({ name, config, ... }: {
        options = {
          allowedGroups = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ name ]; };
          allowedNetworks = lib.mkOption { type = lib.types.listOf lib.types.str; default = outer.modules.services.caddy.security.defaultNetworks; };
          description = lib.mkOption {
            type = lib.types.str;
            default = "${name}: ${lib.concatStringsSep "," config.allowedGroups}";
          };
        };
      }));
    };
    defaultNetworks = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ "10.0.0.0/8" ]; };
  };
  options.modules.services.caddy.virtualHosts = lib.mkOption {
    type = lib.types.attrsOf t.virtualHost;
    default = { };
  };
}
