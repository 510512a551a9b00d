# The factory's module as one import, plus this service's own extras.
{ ... }:
{
  imports = [
    (import ../lib/mk-proxied-service.nix { name = "uptime-kuma"; port = 3001; subdomain = "status"; })
  ];
  modules.services.uptime-kuma.reverseProxy.caddySecurity.bypassPaths = [ "/api/badge" ];
}
