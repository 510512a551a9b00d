# Jellyfin and Jellyseerr behind caddy-security, from the host defaults.
{ config, lib, ... }:
let
  t = import ../../../types.nix { inherit lib; };
  defaults = import ../lib/defaults.nix { inherit config lib; };
in
{
  options.modules.services = {
    jellyfin.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
    jellyseerr.reverseProxy = lib.mkOption { type = t.reverseProxy; default = { }; };
  };
  config.modules.services = {
    jellyfin.reverseProxy = {
      enable = true;
      hostName = defaults.hostName "jellyfin";
      backend = defaults.backend 8096;
      caddySecurity = defaults.caddySecurity.media;
    };
    jellyseerr.reverseProxy = {
      enable = true;
      hostName = defaults.hostName "requests";
      backend = defaults.backend 5055;
      caddySecurity = defaults.caddySecurity.media;
    };
  };
}
