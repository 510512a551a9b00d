# Pocket ID's site is unprotected (it authenticates its own users); every
# other site is protected. A Pocket ID that does not run on this host does
# not own its default name here, and unknown names are skipped.
{ pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
    publicUrl = "https://id.example.com";
    reverseProxy = {
      enable = true;
      hostName = "id.example.com";
    };
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity.enable = true;
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = pkgs.sonarrHost;
    caddySecurity.enable = true;
  };
}
