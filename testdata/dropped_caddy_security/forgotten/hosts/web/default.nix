# A host that registers its virtual hosts itself (options undeclared).
{ config, pkgs, ... }:
let
  svc = config.modules.services;
  cs = {
    enable = true;
    policy = "admins";
    bypassPaths = [ "/api" ];
    allowedNetworks = [ "10.0.0.0/8" ];
  };
in
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
  };

  # Not forwarded: the site is public.
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity.enable = true;
#                 ^^^^^^ dropped_caddy_security: `sonarr` sets `caddySecurity.enable = true`, but its virtual host `sonarr` is not protected: `sonarr.example.com` is served without authentication
  };
  modules.services.caddy.virtualHosts.sonarr.hostName = "sonarr.example.com";

  # Forwarded whole: fine.
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com";
    caddySecurity = cs;
  };
  modules.services.caddy.virtualHosts.radarr = {
    hostName = "radarr.example.com";
    caddySecurity = svc.radarr.reverseProxy.caddySecurity;
  };

  # The networks are lost on the way: the /api bypass opens to everyone.
  modules.services.lidarr.reverseProxy = {
    enable = true;
    hostName = "lidarr.example.com";
    caddySecurity = cs;
#   ^^^^^^^^^^^^^ dropped_caddy_security: the virtual host `music` built from `lidarr` does not carry its caddySecurity `allowedNetworks`: `allowedNetworks` lacks `10.0.0.0/8`; its bypass is now open to every client
  };
  modules.services.caddy.virtualHosts.music = {
    hostName = "lidarr.example.com";
    caddySecurity = svc.lidarr.reverseProxy.caddySecurity // { allowedNetworks = [ ]; };
  };

  # The service is off: nothing is served.
  modules.services.readarr = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "readarr.example.com";
      caddySecurity = cs;
    };
  };
  modules.services.caddy.virtualHosts.readarr.hostName = "readarr.example.com";

  # Whether the service asks for protection cannot be known.
  modules.services.whisparr.reverseProxy = {
    enable = true;
    hostName = "whisparr.example.com";
    caddySecurity.enable = pkgs.config.protectEverything;
  };
  modules.services.caddy.virtualHosts.whisparr.hostName = "whisparr.example.com";

  # What the virtual host carries cannot be known.
  modules.services.mylar.reverseProxy = {
    enable = true;
    hostName = "comics.example.com";
    caddySecurity = cs;
  };
  modules.services.caddy.virtualHosts.mylar = {
    hostName = "comics.example.com";
    caddySecurity.enable = pkgs.config.protectEverything;
  };
}
