# The per-site `caddySecurity` submodule. Services declare it in their own
# `reverseProxy` option and forward it unchanged to
# `modules.services.caddy.virtualHosts.<name>.caddySecurity`.
#
#   cs = import ../../../../lib/caddy-security.nix { inherit lib; };
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
rec {
  claimRoleType = types.submodule {
    options = {
      realm = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Realm to match; null = realm of the portal's first identity provider.";
      };
      claim = mkOption { type = types.str; default = "groups"; };
      value = mkOption { type = types.str; };
      role = mkOption { type = types.str; };
    };
  };

  staticApiKeyType = types.submodule {
    options = {
      name = mkOption {
        type = types.str;
        description = "Short identifier; used in matcher names and X-Auth-Source.";
      };
      headerName = mkOption { type = types.str; default = "X-Api-Key"; };
      envVar = mkOption {
        type = types.str;
        description = "Environment variable of the Caddy service that holds the key.";
      };
      paths = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };

  caddySecurityType = types.submodule {
    options = {
      enable = mkEnableOption "caddy-security (Pocket ID) for this site";

      portal = mkOption {
        type = types.str;
        default = "pocketid";
        description = "Name of an entry in modules.services.caddy.security.authenticationPortals.";
      };

      policy = mkOption {
        type = types.str;
        default = "default";
        description = "Name of an entry in modules.services.caddy.security.authorizationPolicies.";
      };

      requireCredentials = mkOption { type = types.bool; default = false; };

      claimRoles = mkOption { type = types.listOf claimRoleType; default = [ ]; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      bypassResources = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
      staticApiKeys = mkOption { type = types.listOf staticApiKeyType; default = [ ]; };
    };
  };

  # The `reverseProxy` option every service module declares.
  mkReverseProxyOption = { subdomain, port }: mkOption {
    default = { };
    type = types.submodule {
      options = {
        enable = mkEnableOption "the reverse proxy";
        subdomain = mkOption { type = types.str; default = subdomain; };
        port = mkOption { type = types.port; default = port; };
        extraConfig = mkOption { type = types.lines; default = ""; };
        caddySecurity = mkOption { type = caddySecurityType; default = { }; };
      };
    };
  };
}
