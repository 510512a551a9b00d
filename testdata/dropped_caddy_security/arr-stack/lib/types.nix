# Shared option types: `import ./types.nix { inherit lib; }`.
{ lib }:
let
  inherit (lib) mkOption mkEnableOption types;
in
rec {
  claimRole = types.submodule {
    options = {
      claim = mkOption { type = types.str; default = "groups"; };
      value = mkOption { type = types.str; };
      role = mkOption { type = types.str; };
    };
  };

  caddySecurity = types.submodule {
    options = {
      enable = mkEnableOption "caddy-security for this site";
      policy = mkOption { type = types.str; default = "users"; };
      claimRoles = mkOption { type = types.listOf claimRole; default = [ ]; };
      bypassPaths = mkOption { type = types.listOf types.str; default = [ ]; };
      bypassResources = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };

  backend = types.submodule {
    options = {
      host = mkOption { type = types.str; default = "127.0.0.1"; };
      port = mkOption { type = types.port; };
    };
  };

  reverseProxy = types.submodule {
    options = {
      enable = mkEnableOption "publishing this service through Caddy";
      hostName = mkOption { type = types.str; };
      backend = mkOption { type = backend; default = { }; };
      caddySecurity = mkOption { type = caddySecurity; default = { }; };
    };
  };

  virtualHost = types.submodule {
    options = {
      enable = mkOption { type = types.bool; default = true; };
      hostName = mkOption { type = types.str; };
      backend = mkOption { type = backend; };
      caddySecurity = mkOption { type = caddySecurity; default = { }; };
    };
  };

  mkService = name: port: {
    enable = mkEnableOption name;
    port = mkOption { type = types.port; default = port; };
    reverseProxy = mkOption { type = reverseProxy; default = { }; };
  };
}
