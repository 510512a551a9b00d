# The documented schema's global options, declared by a module that
# renders nothing pocketlint can see (the repository's Caddy module lives
# in a flake input): answers come from the schema's semantics.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
  policyType = types.submodule {
    options = {
      allowedGroups = mkOption { type = types.listOf types.str; default = [ ]; };
      allowedNetworks = mkOption { type = types.listOf types.str; default = [ ]; };
    };
  };
in
{
  options.modules.services.caddy.security = {
    enable = mkEnableOption "the caddy-security portal";
    portalHost = mkOption { type = types.nullOr types.str; default = null; };
    policies = mkOption { type = types.attrsOf policyType; default = { }; };
  };
}
