# The portal host must be where Pocket ID is served: a near miss is
# reported; a protected app on the portal's own name is reported too.
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.exmaple.com";
#                 ^^^^^^^^^^^^^^ hostname_mismatch: `portalHost` `id.exmaple.com` is not Pocket ID's host: it looks like a misspelling of `id.example.com`
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "id.exmaple.com";
#               ^^^^^^^^^^^^^^ hostname_mismatch: hostName `id.exmaple.com` is not under this host's domain `example.com`: `exmaple.com` looks like a misspelling of it
    caddySecurity.enable = true;
  };
}
