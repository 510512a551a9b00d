# Scenario 69: one plain submodule type (no `name` argument) shared by
# several virtual hosts. One definition is a module function that declares an
# extra option inside its own instance; the other instances share the
# type's declarations unchanged, with their own defaults and nested
# `listOf submodule` values.
{ lib, ... }:
let
  inherit (lib) mkOption types;
  claimRole = types.submodule {
    options = {
      claim = mkOption { type = types.str; default = "groups"; };
      role = mkOption { type = types.str; };
    };
  };
  caddySecurity = types.submodule {
    options = {
      enable = mkOption { type = types.bool; default = false; };
      policy = mkOption { type = types.str; default = "users"; };
      claimRoles = mkOption { type = types.listOf claimRole; default = [ ]; };
    };
  };
  virtualHost = types.submodule {
    options = {
      hostName = mkOption { type = types.str; };
      caddySecurity = mkOption { type = caddySecurity; default = { }; };
    };
  };
in
{
  options.networking.domain = mkOption { type = types.str; };
  options.modules.services.caddy.security = mkOption {
    type = types.attrsOf types.str;
    default = { };
  };
  options.modules.services.caddy.virtualHosts = mkOption {
    type = types.attrsOf virtualHost;
    default = { };
  };

  config = {
    networking.domain = "shared.example";
    modules.services.caddy.virtualHosts = {
      a.hostName = "a.shared.example";
      b = {
        hostName = "b.shared.example";
        caddySecurity = {
          enable = true;
          claimRoles = [ { role = "admin"; } { claim = "roles"; role = "viewer"; } ];
        };
      };
      c = { ... }: {
        options.caddySecurity = mkOption {
          type = types.submodule {
            options.realm = mkOption { type = types.str; default = "pocketid"; };
          };
        };
        config = {
          hostName = "c.shared.example";
          caddySecurity.policy = "admins";
        };
      };
      d = {
        hostName = "d.shared.example";
        caddySecurity.claimRoles = [ { role = "guest"; } ];
      };
    };
  };
}
