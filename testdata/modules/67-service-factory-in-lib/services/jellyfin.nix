import ../lib/mk-proxied-service.nix {
  name = "jellyfin";
  port = 8096;
  policy = "media";
  bypassPaths = [ "/health" ];
}
