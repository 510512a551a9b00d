# Jellyfin and Navidrome register their sites with the `media` policy.
{ config, lib, ... }:
let
  inherit (config.networking) domain;
  site = sub: {
    hostName = "${sub}.${domain}";
    caddySecurity = { enable = true; policy = "media"; };
  };
in
{
  modules.services.caddy.virtualHosts = {
    jellyfin = site "watch";
    navidrome = site "music";
  };
}
