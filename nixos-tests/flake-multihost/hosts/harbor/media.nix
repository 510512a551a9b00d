# Media apps on harbor.
{ config, lib, ... }:
let
  inherit (config.networking) domain;
  defaults = import ../../lib/defaults.nix { inherit config lib; };

  arrApps = [ "sonarr" "radarr" "prowlarr" ];

  enableArr = serviceName: {
    modules.services.${serviceName} = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = defaults.caddySecurity.arr;
      };
    };
  };
in
lib.mkMerge ((map enableArr arrApps) ++ [
  {
    modules.services.jellyfin = {
      enable = true;
      reverseProxy = {
        enable = true;
        # Short name the family already knows.
        hostName = "tv.fernwood.example";
        caddySecurity = defaults.caddySecurity.media;
      };
    };

    # The phone app talks to the API directly, also over LTE.
    modules.services.audiobookshelf = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = lib.recursiveUpdate defaults.caddySecurity.media {
          bypassPaths = [ "/api" "/login" "/socket.io" ];
          allowedNetworks = [ "0.0.0.0/0" ];
        };
      };
    };

    modules.services.immich = {
      enable = true;
      reverseProxy = {
        enable = true;
        hostName = "photos.${domain}";
        caddySecurity = defaults.caddySecurity.users // { policy = "family"; };
      };
    };
  }
])
