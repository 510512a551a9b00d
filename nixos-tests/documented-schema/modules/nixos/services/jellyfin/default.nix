# Jellyfin has its own user accounts; Pocket ID only guards the web UI.
{ config, lib, ... }:
let
  cfg = config.modules.services.jellyfin;
  proxy = import ../../../../lib/reverse-proxy.nix { inherit lib; };
in
{
  options.modules.services.jellyfin = {
    enable = lib.mkEnableOption "Jellyfin";

    reverseProxy = proxy.mkReverseProxyOption { name = "jellyfin"; port = 8096; };
  };

  config = lib.mkIf cfg.enable {
    services.jellyfin = {
      enable = true;
      group = "media";
    };

    users.groups.media = { };

    modules.services.jellyfin.reverseProxy.hostName =
      lib.mkDefault "watch.${config.networking.domain}";
  };
}
