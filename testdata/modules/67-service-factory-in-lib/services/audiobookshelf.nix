import ../lib/mk-proxied-service.nix {
  name = "audiobookshelf";
  port = 13378;
  subdomain = "books";
  policy = "media";
}
