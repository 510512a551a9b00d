# relay: small VPS. Push notifications and uptime checks from outside.
{ config, lib, ... }:
let
  defaults = import ../../lib/defaults.nix { inherit config lib; };
  enabled = config.modules.services.uptime-kuma.enable;
in
{
  config = lib.mkMerge [
    {
      networking = {
        hostName = "relay";
        domain = "vps.fernwood.example";
      };

      boot.loader.grub.device = "/dev/vda";
      fileSystems."/" = {
        device = "/dev/vda1";
        fsType = "ext4";
      };

      services.openssh.enable = true;

      modules.services.caddy = {
        enable = true;
        security = {
          pocketIdHost = defaults.pocketIdHost;
          inherit (defaults) policies;
        };
      };

      modules.services.uptime-kuma.enable = true;

      modules.services.ntfy.reverseProxy.enable = true;
    }

    (lib.mkIf enabled {
      modules.services.uptime-kuma.reverseProxy = {
        enable = true;
        # Push monitors call /api/push/<token> from the VPN.
        caddySecurity = defaults.caddySecurity.admin // {
          bypassPaths = [ "/api/push" ];
          allowedNetworks = defaults.trusted;
        };
      };
    })

    {
      system.stateVersion = "24.11";
    }
  ];
}
