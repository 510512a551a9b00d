{ lib, ... }:
let t = import ./types.nix { inherit lib; }; in
{
  options.modules.services = lib.genAttrs [ "a" "b" "c" "d" "e" "f" ]
    (_: { reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; }; });
}
