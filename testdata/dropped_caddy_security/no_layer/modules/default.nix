# The documented schema: the shared Caddy module reads every service's
# reverseProxy itself; there is no virtual-host option.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  options.modules.services = {
    grafana.reverseProxy = {
      enable = mkEnableOption "publishing Grafana";
      hostName = mkOption { type = types.str; };
      caddySecurity = {
        enable = mkEnableOption "caddy-security";
        policy = mkOption { type = types.str; default = "users"; };
      };
    };
    caddy.security = {
      enable = mkEnableOption "the portal";
      portalHost = mkOption { type = types.str; };
      policies = mkOption { type = types.attrsOf types.attrs; default = { }; };
    };
  };
}
