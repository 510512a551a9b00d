# media: the basement box, domain media.example.com. The portal lives at
# auth.media.example.com, so its cookie covers *.media.example.com only.
{ config, lib, ... }:
let
  presets = import ../../lib/presets.nix;
  inherit (config.networking) domain;
  wantWiki = false;
in
{
  networking = {
    hostName = "media";
    domain = "media.example.com";
  };

  modules.services.caddy.security = {
    enable = true;
    policies.users.allowedGroups = [ "users" ];
  };

  modules.services.jellyfin = {
    enable = true;
    reverseProxy = {
      enable = true;
      # The short name the family knows; outside the cookie domain.
      hostName = "tv.example.com";
#                 ^^^^^^^^^^^^^^ hostname_mismatch: protected site `jellyfin` (`tv.example.com`) is outside `media.example.com`, the domain the portal shares its session cookie over: the login at `auth.media.example.com` can never complete for it
      caddySecurity = presets.users;
    };
  };

  modules.services.sonarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      caddySecurity = presets.lanApi // { policy = "users"; };
    };
  };

  modules.services.immich = {
    enable = true;
    reverseProxy = lib.mkMerge [
      { enable = true; hostName = "photos.${domain}"; }
      { caddySecurity = presets.users; }
    ];
  };

  # Disabled for now: would be outside the cookie domain too.
  modules.services.wiki = lib.mkIf wantWiki {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "wiki.example.com";
      caddySecurity = presets.users;
    };
  };
}
