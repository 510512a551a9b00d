# The portal host comes from outside the repository, or the portal is off:
# none of the portal checks can say anything.
{ pkgs, ... }:
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = pkgs.portalHost;
  };
  modules.services.plex.reverseProxy = {
    enable = true;
    hostName = "tv.other.net";
    caddySecurity.enable = true;
  };
}
