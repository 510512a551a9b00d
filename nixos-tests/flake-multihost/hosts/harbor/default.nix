# harbor: the media machine in the basement.
{ config, lib, ... }:
let
  defaults = import ../../lib/defaults.nix { inherit config lib; };
in
{
  imports = [ ./media.nix ];

  config = lib.mkMerge [
    {
      networking = {
        hostName = "harbor";
        domain = "media.fernwood.example";
      };

      boot.loader.systemd-boot.enable = true;
      fileSystems."/".device = "/dev/disk/by-label/nixos";
      fileSystems."/".fsType = "ext4";

      sops = {
        defaultSopsFile = ../../secrets/harbor.yaml;
        secrets."caddy/pocketid_oidc".owner = "caddy";
      };

      modules.services.caddy = {
        enable = true;
        security = {
          enable = true;
          pocketIdHost = defaults.pocketIdHost;
          environmentFile = config.sops.secrets."caddy/pocketid_oidc".path;
          inherit (defaults) policies;
        };
      };
    }

    (lib.mkIf config.modules.services.caddy.security.enable {
      # Family members get the media role through the `media` preset.
      modules.services.caddy.security.policies.admins.allowedGroups = lib.mkForce [ "admins" ];
    })

    {
      system.stateVersion = "24.11";
    }
  ];
}
