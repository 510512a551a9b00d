# Option declarations: services with a reverseProxy, and the virtual hosts
# the shared Caddy module renders.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  caddySecurity = types.submodule {
    options = {
      enable = mkEnableOption "caddy-security";
      policy = mkOption { type = types.str; default = "users"; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
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
  options.modules.services = lib.genAttrs [ "sonarr" "radarr" "lidarr" "readarr" "whisparr" "mylar" ] service // {
    caddy = {
      security = {
        enable = mkEnableOption "the portal";
        portalHost = mkOption { type = types.str; };
        policies = mkOption {
          type = types.attrsOf (types.submodule {
            options.allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
          });
          default = { };
        };
      };
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
