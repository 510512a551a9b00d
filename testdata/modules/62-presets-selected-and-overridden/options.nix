# Host-wide options: the domain, the caddy-security portal and the
# virtual hosts rendered by caddy.nix.
{ lib, ... }:
let t = import ./types.nix { inherit lib; }; in
{
  options.networking.domain = lib.mkOption { type = lib.types.str; };
  options.modules.services.caddy.security = {
    enable = lib.mkEnableOption "portal";
    portalHost = lib.mkOption { type = lib.types.nullOr lib.types.str; default = null; };
    policies = lib.mkOption { type = lib.types.attrsOf t.policy; default = { }; };
  };
  options.modules.services.caddy.virtualHosts = lib.mkOption {
    type = lib.types.attrsOf t.virtualHost;
    default = { };
  };
}
