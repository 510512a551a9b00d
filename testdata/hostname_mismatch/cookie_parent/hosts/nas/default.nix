{ config, ... }:
let
  inherit (config.networking) domain;
  protect = { enable = true; policy = "users"; };
in
{
  networking = {
    hostName = "nas";
    domain = "media.example.com";
  };

  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.${domain}";
    policies.users.allowedGroups = [ "users" ];
  };

  modules.services.plex = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "tv.example.com";
#                 ^^^^^^^^^^^^^^ hostname_mismatch: protected site `plex` (`tv.example.com`) is outside `media.example.com`, the domain the portal shares its session cookie over: the login at `id.media.example.com` can never complete for it
      caddySecurity = protect;
    };
  };
  modules.services.lidarr = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "lidarr.${domain}";
      caddySecurity = protect;
    };
  };
  # Public on purpose, under another zone: not protected, not reported.
  modules.services.status = {
    enable = true;
    reverseProxy = {
      enable = true;
      hostName = "status.hosted-elsewhere.io";
    };
  };
  # Protected but switched off.
  modules.services.readarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "readarr.example.com";
      caddySecurity = protect;
    };
  };
}
