# Whether the portal (or the site's protection) is on cannot be known.
{ pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = pkgs.enablePortal;
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity.enable = true;
  };
}
