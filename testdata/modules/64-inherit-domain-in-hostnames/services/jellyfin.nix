{ config, lib, ... }:
let
  t = import ../types.nix { inherit lib; };
  inherit (config.networking) domain hostName;
in
{
  options.modules.services.jellyfin.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  config.modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "jellyfin.${hostName}.${domain}";
    backend = { host = "${hostName}.${domain}"; port = 8096; scheme = "https"; };
    caddySecurity = { enable = true; policy = "media"; };
  };
}
