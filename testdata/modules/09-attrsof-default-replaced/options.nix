{ lib, ... }:
let t = import ./types.nix { inherit lib; }; in
{
  options.networking.domain = lib.mkOption { type = lib.types.str; };
  options.modules.services.caddy.security = {
    enable = lib.mkEnableOption "portal";
    portalHost = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
    policies = lib.mkOption {
      type = lib.types.attrsOf t.policy;
      default = {
        users.allowedGroups = [ "users" ];
        admins.allowedGroups = [ "admins" ];
      };
    };
  };
  options.modules.services.caddy.virtualHosts = lib.mkOption {
    type = lib.types.attrsOf t.virtualHost;
    default = {
      status = { hostName = "status.invalid"; backend.port = 1; };
    };
  };
}
