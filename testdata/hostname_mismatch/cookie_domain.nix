# Documented schema with `cookieDomain`: a wider cookie domain covers
# sibling zones (the trap: no finding for tv.example.com), a cookie domain
# that does not cover the portal host leaves the cookie host-only.
{
  networking.domain = "media.example.com";

  modules.services.caddy.security = {
    enable = true;
    portalHost = "auth.media.example.com";
    cookieDomain = "example.com";
  };
  modules.services.plex.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity.enable = true;
  };
  modules.services.lidarr.reverseProxy = {
    enable = true;
    hostName = "lidarr.media.example.com";
    caddySecurity.enable = true;
  };
  modules.services.minio.reverseProxy = {
    enable = true;
    hostName = "s3.storage-box.net";
#               ^^^^^^^^^^^^^^^^^^ hostname_mismatch: protected site `minio` (`s3.storage-box.net`) is outside `example.com`, the domain the portal shares its session cookie over: the login at `auth.media.example.com` can never complete for it
    caddySecurity.enable = true;
  };
}
