# The media stack: one factory call per app.
{ lib, ... }:
let
  inherit (import ../../../lib { inherit lib; }) mkService;

  apps = {
    sonarr = { port = 8989; };
    radarr = { port = 7878; };
    prowlarr = { port = 9696; };
    jellyfin = { port = 8096; subdomain = "watch"; };
    audiobookshelf = { port = 8000; subdomain = "books"; };
    immich = { port = 2283; subdomain = "photos"; };
  };
in
{
  imports = lib.mapAttrsToList (name: app: mkService ({ inherit name; } // app)) apps;

  config.users.groups.media = { };
}
