# Imports every *.nix file and every directory in services/ except this
# file, in builtins.readDir order (sorted by name).
{ lib, ... }:
let
  entries = lib.filterAttrs
    (n: kind: n != "default.nix" && (kind == "directory" || lib.hasSuffix ".nix" n))
    (builtins.readDir ./.);
in
{
  imports = lib.mapAttrsToList (n: _: ./. + "/${n}") entries;
}
