{ config, lib, ... }:
let
  presets = import ./presets.nix;
  friendsCanRequest = true;
in
{
  imports = [ ./security.nix ];

  networking.domain = "kestrel.example";

  modules.services = {
    # Family members are a Pocket ID group: reachable through `groups`.
    jellyfin = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.household // { policy = "family"; };
      };
    };

    # Guests log in through a provider without the `groups` scope, so the
    # group-to-role mapping never fires and no group becomes `guests`.
    jellyseerr = lib.mkIf friendsCanRequest {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.guests // {
          claimRoles = [ { value = "friends"; role = "guests"; } ];
        };
      };
    };

    # `readers` is granted from the e-mail claim by another site on the
    # same portal: transforms are portal-wide.
    calibre = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.guests // { policy = "readers"; };
      };
    };
    audiobookshelf = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.guests // {
          policy = "readers";
          claimRoles = [ { claim = "email"; value = "grandma@example.org"; role = "readers"; } ];
        };
      };
    };

    # Anyone who logs in without roles gets `authp/guest`.
    kiwix = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.guests // { policy = "public"; };
      };
    };

    # `authenticated` comes from the raw transform in the portal's extraConfig.
    paperless = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.household;
      };
    };

    # Not enabled: its unreachable policy concerns nobody.
    immich = {
      enable = false;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.guests // { policy = "admins"; };
      };
    };

    grafana = {
      enable = true;
      reverseProxy = {
        enable = true;
        caddySecurity = presets.household // { policy = "admins"; };
      };
    };
  };
}
