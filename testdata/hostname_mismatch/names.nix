# Host names that are not DNS names, and misspellings of the host's domain.
# Names under other domains, private zones, ports and unknown values are fine.
{ config, pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "https://grafana.${config.networking.domain}";
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ hostname_mismatch: hostName `https://grafana.example.com` is not a DNS name: it starts with the scheme `https://`
  };
  modules.services.komga.reverseProxy = {
    enable = true;
    hostName = "example.com/komga";
#               ^^^^^^^^^^^^^^^^^ hostname_mismatch: hostName `example.com/komga` is not a DNS name: it contains a path
  };
  modules.services.radarr.reverseProxy = {
    enable = true;
    hostName = "radarr.example.com movies.example.com";
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ hostname_mismatch: hostName `radarr.example.com movies.example.com` is not a DNS name: it contains whitespace
  };
  modules.services.bazarr.reverseProxy = {
    enable = true;
    hostName = "";
#              ^^ hostname_mismatch: hostName `""` is not a DNS name: it is empty
  };
  modules.services.lidarr.reverseProxy = {
    enable = true;
    hostName = "lidarr..example.com";
#               ^^^^^^^^^^^^^^^^^^^ hostname_mismatch: hostName `lidarr..example.com` is not a DNS name: it has an empty label (`..` or a leading dot)
  };
  modules.services.prowlarr.reverseProxy = {
    enable = true;
    hostName = "prowlarr.exmaple.com";
#               ^^^^^^^^^^^^^^^^^^^^ hostname_mismatch: hostName `prowlarr.exmaple.com` is not under this host's domain `example.com`: `exmaple.com` looks like a misspelling of it
  };
  modules.services.kavita.reverseProxy = {
    enable = true;
    hostName = "watch.example.org";
#               ^^^^^^^^^^^^^^^^^ hostname_mismatch: hostName `watch.example.org` is not under this host's domain `example.com`: `example.org` looks like a misspelling of it
  };

  # Fine: another zone served through a tunnel, a private zone, a port, a
  # wildcard, an IP address, and the host's own domain.
  modules.services.photoprism.reverseProxy = {
    enable = true;
    hostName = "photos.family-pictures.net";
  };
  modules.services.homepage.reverseProxy = {
    enable = true;
    hostName = "home.example.lan";
  };
  modules.services.syncthing.reverseProxy = {
    enable = true;
    hostName = "sync.example.com:8443";
  };
  modules.services.whoami.reverseProxy = {
    enable = true;
    hostName = "*.apps.example.com";
  };
  modules.services.printer.reverseProxy = {
    enable = true;
    hostName = "192.168.1.20";
  };
  modules.services.paperless.reverseProxy = {
    enable = true;
    hostName = "docs.${config.networking.domain}";
  };

  # Not served, or not known: nothing to say.
  modules.services.mealie = {
    enable = false;
    reverseProxy = {
      enable = true;
      hostName = "https://recipes.example.com";
    };
  };
  modules.services.audiobookshelf.reverseProxy = {
    enable = false;
    hostName = "books.exmaple.com";
  };
  modules.services.navidrome.reverseProxy = {
    enable = true;
    hostName = pkgs.navidromeHost;
  };
}
