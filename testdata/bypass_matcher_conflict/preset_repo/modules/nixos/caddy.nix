# The shared Caddy module (options only; the generator renders one
# `@caddy_security_bypass_<name>` matcher per site, as SEMANTICS §1.1).
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  cs = import ../../lib/caddy-security.nix { inherit lib; };
in
{
  options.modules.services.caddy = {
    security = {
      enable = mkEnableOption "caddy-security";
      identityProviders = mkOption { type = types.attrsOf types.attrs; default = { }; };
      authenticationPortals = mkOption { type = types.attrsOf types.attrs; default = { }; };
      authorizationPolicies = mkOption { type = types.attrsOf types.attrs; default = { }; };
    };
    virtualHosts = mkOption {
      default = { };
      type = types.attrsOf (types.submodule {
        options = {
          enable = mkOption { type = types.bool; default = true; };
          hostName = mkOption { type = types.str; };
          backend.port = mkOption { type = types.port; };
          caddySecurity = mkOption { type = cs.caddySecurityType; default = { }; };
        };
      });
    };
  };
}
