# Scenario 35: presets carrying priorities, combined with `//` and
# lib.recursiveUpdate before the module system sees them.
# grafana: `soft // { policy = "users"; }` replaces one mkDefault field
#          by a plain value (shallow update of attribute values).
# loki:    `soft` as is; the host's plain bypassPaths wins over its mkDefault.
# sonarr:  recursiveUpdate of a *whole-block* mkDefault with a plain
#          attrset merges the new field into the mkDefault wrapper itself:
#          the module system only looks at `content`, so `allowedNetworks`
#          is silently lost while the block keeps priority 1000.
# radarr:  the same whole-block mkDefault next to a plain block in mkMerge:
#          two definitions, the plain one (priority 100) wins as a whole.
{ lib, ... }:
let p = import ./presets.nix { inherit lib; }; in
{
  imports = [ ./options.nix ./caddy.nix ./services.nix ];

  networking.domain = "presets.example";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.presets.example";
    backend.port = 3000;
    caddySecurity = p.soft // { policy = "users"; };
  };
  modules.services.loki.reverseProxy = {
    enable = true;
    hostName = "loki.presets.example";
    backend.port = 3100;
    caddySecurity = lib.mkMerge [ p.soft { bypassPaths = [ "/ready" ]; } ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.presets.example";
    backend.port = 8989;
    caddySecurity = lib.recursiveUpdate p.softBlock { allowedNetworks = [ "10.0.0.0/8" ]; };
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.presets.example";
    backend.port = 7878;
    caddySecurity = lib.mkMerge [ p.softBlock { allowedNetworks = [ "10.0.0.0/8" ]; } ];
  };
}
