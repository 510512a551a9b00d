# With the portal off there is no cookie to share (portal_disabled reports
# the protected site).
{
  networking.domain = "example.com";

  modules.services.caddy.security = {
    enable = false;
    portalHost = "id.example.com";
  };
  modules.services.plex.reverseProxy = {
    enable = true;
    hostName = "tv.other.net";
    caddySecurity.enable = true;
  };
}
