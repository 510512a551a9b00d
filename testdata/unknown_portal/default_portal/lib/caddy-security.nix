# The per-site caddySecurity submodule: `portal` defaults to "pocketid".
{ lib }:
lib.types.submodule {
  options = {
    enable = lib.mkEnableOption "caddy-security for this site";
    portal = lib.mkOption { type = lib.types.str; default = "pocketid"; };
#                                                            ^^^^^^^^ unknown_portal: portal `pocketid` (the default) is not defined
    policy = lib.mkOption { type = lib.types.str; default = "default"; };
  };
}
