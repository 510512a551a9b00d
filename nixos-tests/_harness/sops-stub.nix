# Stand-in for sops-nix's NixOS module: declares sops.secrets.
{ lib, ... }:
{
  options.sops = {
    defaultSopsFile = lib.mkOption { type = lib.types.nullOr lib.types.path; default = null; };
    age = lib.mkOption { type = lib.types.attrs; default = { }; };
    secrets = lib.mkOption {
      default = { };
      type = lib.types.attrsOf (lib.types.submodule ({ name, ... }: {
        options = {
          key = lib.mkOption { type = lib.types.str; default = name; };
          path = lib.mkOption { type = lib.types.str; default = "/run/secrets/${name}"; };
          owner = lib.mkOption { type = lib.types.str; default = "root"; };
          group = lib.mkOption { type = lib.types.str; default = "root"; };
          mode = lib.mkOption { type = lib.types.str; default = "0400"; };
          sopsFile = lib.mkOption { type = lib.types.nullOr lib.types.path; default = null; };
          restartUnits = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
        };
      }));
    };
  };
}
