# Extended schema: services register virtual hosts, which the shared Caddy
# module renders as SEMANTICS §1.1 describes (extraConfig appended at site
# level). The renderer itself lives in a flake input here.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  vhost = types.submodule {
    options = {
      enable = mkOption { type = types.bool; default = true; };
      hostName = mkOption { type = types.str; };
      caddySecurity = {
        enable = mkEnableOption "caddy-security";
        portal = mkOption { type = types.str; default = "pocketid"; };
        policy = mkOption { type = types.str; default = "default"; };
      };
      extraConfig = mkOption { type = types.lines; default = ""; };
    };
  };
in
{
  options.networking.domain = mkOption { type = types.str; };
  options.modules.services.caddy.virtualHosts = mkOption {
    type = types.attrsOf vhost;
    default = { };
  };
}
