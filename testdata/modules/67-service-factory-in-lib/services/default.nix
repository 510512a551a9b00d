{ ... }:
{
  imports = [ ./jellyfin.nix ./audiobookshelf.nix ./uptime-kuma.nix ./paperless.nix ];
}
