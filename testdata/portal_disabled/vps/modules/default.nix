# Documented-schema options; every service forwards its reverseProxy.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  app = name: {
    enable = mkEnableOption name;
    reverseProxy = {
      enable = mkEnableOption "the reverse proxy";
      hostName = mkOption { type = types.str; };
      caddySecurity = {
        enable = mkEnableOption "Pocket ID login";
        policy = mkOption { type = types.str; default = "users"; };
        bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
        allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
      };
    };
  };
in
{
  options.modules.services = {
    caddy.security = {
      enable = mkEnableOption "the caddy-security portal";
      portalHost = mkOption { type = types.str; default = "id.example.net"; };
      policies = mkOption {
        type = types.attrsOf (types.submodule {
          options.allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
        });
        default = { };
      };
    };
    uptime-kuma = app "Uptime Kuma";
    ntfy = app "ntfy";
  };
}
