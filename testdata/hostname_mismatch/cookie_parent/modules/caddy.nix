# Documented schema without a cookie option: the portal at `portalHost`
# shares its cookie over the parent domain of that host.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  service = {
    enable = mkEnableOption "the service";
    reverseProxy = {
      enable = mkEnableOption "the reverse proxy";
      hostName = mkOption { type = types.str; };
      caddySecurity = {
        enable = mkEnableOption "Pocket ID login";
        policy = mkOption { type = types.str; default = "users"; };
      };
    };
  };
in
{
  options.modules.services = {
    caddy.security = {
      enable = mkEnableOption "the portal";
      portalHost = mkOption { type = types.nullOr types.str; default = null; };
      policies = mkOption {
        type = types.attrsOf (types.submodule {
          options.allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
        });
        default = { };
      };
    };
    plex = service;
    lidarr = service;
    status = service;
    readarr = service;
  };
}
