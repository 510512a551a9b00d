# Service declarations and their reverse-proxy basics.
{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  ports = { jellyfin = 8096; jellyseerr = 5055; sonarr = 8989; grafana = 3000; navidrome = 4533; };
in
{
  imports = [ ./monitoring.nix ];
  options.modules.services = lib.mapAttrs
    (_: _: { reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; }; })
    ports;
  config.modules.services = lib.mapAttrs (name: port: {
    reverseProxy = {
      enable = true;
      hostName = "${name}.${config.networking.domain}";
      backend.port = port;
    };
  }) ports;
}
