# Declarations generated from a list with genAttrs.
{ lib, ... }:
let t = import ./types.nix { inherit lib; }; in
{
  options.modules.services = lib.genAttrs [ "sonarr" "radarr" "lidarr" "bazarr" ]
    (_: { reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; }; });
}
