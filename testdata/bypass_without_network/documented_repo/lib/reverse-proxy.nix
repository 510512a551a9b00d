# `reverseProxy` for every service module, with the seed's `caddySecurity`.
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;

  caddySecurityType = types.submodule {
    options = {
      enable = mkEnableOption "Pocket ID login";
      policy = mkOption { type = types.str; default = "users"; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      bypassResources = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };
in
{
  mkReverseProxyOption = { name, port }: mkOption {
    default = { };
    type = types.submodule {
      options = {
        enable = mkEnableOption "the reverse proxy for ${name}";
        hostName = mkOption { type = types.str; };
        backend.port = mkOption { type = types.port; default = port; };
        caddySecurity = mkOption { type = caddySecurityType; default = { }; };
      };
    };
  };
}
