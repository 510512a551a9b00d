# Option types for services published through the shared Caddy module, and
# a few curried helpers used by hosts.
#
#   proxy = import ../../lib/proxy.nix { inherit lib; };
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
rec {
  claimRoleType = types.submodule {
    options = {
      claim = mkOption { type = types.str; default = "groups"; };
      value = mkOption { type = types.str; };
      role = mkOption { type = types.str; };
    };
  };

  caddySecurityType = types.submodule {
    options = {
      enable = mkEnableOption "Pocket ID login in front of this site";
      policy = mkOption { type = types.str; default = "users"; };
      claimRoles = mkOption { type = types.listOf claimRoleType; default = [ ]; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      bypassResources = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };

  backendType = types.submodule {
    options = {
      host = mkOption { type = types.str; default = "127.0.0.1"; };
      port = mkOption { type = types.port; };
    };
  };

  reverseProxyType = types.submodule {
    options = {
      enable = mkEnableOption "publishing the service through Caddy";
      hostName = mkOption { type = types.str; };
      backend = mkOption { type = backendType; default = { }; };
      caddySecurity = mkOption { type = caddySecurityType; default = { }; };
    };
  };

  mkReverseProxyOption = description: mkOption {
    type = reverseProxyType;
    default = { };
    inherit description;
  };

  # subdomainOf "fernwood.example" "grafana" == "grafana.fernwood.example"
  subdomainOf = domain: sub: "${sub}.${domain}";

  # withPolicy "admins" preset
  withPolicy = policy: preset: preset // { inherit policy; };

  # openFrom networks [ "/api" ] preset: add bypass paths reachable from networks
  openFrom = networks: paths: preset:
    preset // { bypassPaths = paths; allowedNetworks = networks; };
}
