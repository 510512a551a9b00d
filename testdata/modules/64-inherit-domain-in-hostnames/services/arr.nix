# The *arr stack: host names built by a function whose body inherits the
# domain.
{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  mkProxy = name: port:
    let inherit (config.networking) domain; in
    {
      enable = true;
      hostName = "${name}.${domain}";
      backend.port = port;
      caddySecurity = { enable = true; policy = "admins"; };
    };
  ports = { sonarr = 8989; radarr = 7878; prowlarr = 9696; };
in
{
  options.modules.services = lib.mapAttrs
    (_: _: { reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; }; })
    ports;
  config.modules.services = lib.mapAttrs (name: port: { reverseProxy = mkProxy name port; }) ports;
}
