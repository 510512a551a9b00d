# Grafana behind caddy-security with the admin preset.
{ config, lib, ... }:
let
  t = import ../../../types.nix { inherit lib; };
  defaults = import ../lib/defaults.nix { inherit config lib; };
in
{
  options.modules.services.grafana.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = defaults.hostName "grafana";
    backend = defaults.backend 3000 // { scheme = "http"; };
    caddySecurity = defaults.caddySecurity.admin;
  };
}
