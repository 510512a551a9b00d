# The per-site `caddySecurity` submodule and the `reverseProxy` option.
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
rec {
  staticApiKeyType = types.submodule {
    options = {
      name = mkOption { type = types.str; };
      headerName = mkOption { type = types.str; default = "X-Api-Key"; };
      envVar = mkOption { type = types.str; };
      paths = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };

  caddySecurityType = types.submodule {
    options = {
      enable = mkEnableOption "caddy-security for this site";
      portal = mkOption { type = types.str; default = "pocketid"; };
      policy = mkOption { type = types.str; default = "default"; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      bypassResources = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
      staticApiKeys = mkOption { type = types.listOf staticApiKeyType; default = [ ]; };
    };
  };

  mkReverseProxyOption = { subdomain, port }: mkOption {
    default = { };
    type = types.submodule {
      options = {
        enable = mkEnableOption "the reverse proxy";
        subdomain = mkOption { type = types.str; default = subdomain; };
        port = mkOption { type = types.port; default = port; };
        caddySecurity = mkOption { type = caddySecurityType; default = { }; };
      };
    };
  };
}
