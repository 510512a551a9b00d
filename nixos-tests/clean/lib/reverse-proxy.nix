# `reverseProxy` option shared by the service modules.
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;

  claimRole = types.submodule {
    options = {
      claim = mkOption { type = types.str; default = "groups"; };
      value = mkOption { type = types.str; };
      role = mkOption { type = types.str; };
    };
  };

  caddySecurity = types.submodule {
    options = {
      enable = mkEnableOption "Pocket ID login for this site";
      policy = mkOption { type = types.str; default = "users"; };
      claimRoles = mkOption { type = types.listOf claimRole; default = [ ]; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      bypassResources = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };
in
{
  mkReverseProxyOption = { port }: mkOption {
    default = { };
    type = types.submodule {
      options = {
        enable = mkEnableOption "the Caddy site";
        hostName = mkOption { type = types.str; };
        backend.port = mkOption { type = types.port; default = port; };
        caddySecurity = mkOption { type = caddySecurity; default = { }; };
      };
    };
  };
}
