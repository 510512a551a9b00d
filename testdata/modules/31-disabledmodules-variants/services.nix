{ lib, ... }:
let t = import ./types.nix { inherit lib; }; in
{
  options.modules.services = lib.genAttrs [ "grafana" "legacy" "old" "keyed" "relative" ]
    (_: { reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; }; });
}
