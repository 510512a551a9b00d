# Pocket ID is declared but not enabled on this host: its (default) domain
# is not a name it answers under here.
{
  networking.domain = "media.example.com";

  modules.services.pocketid = {
    enable = false;
    domain = "id.media.example.com";
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "auth.media.example.com";
  };
  modules.services.immich.reverseProxy = {
    enable = true;
    hostName = "id.media.example.com";
    caddySecurity.enable = true;
  };
}
