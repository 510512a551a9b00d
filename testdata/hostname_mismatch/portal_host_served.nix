# A separate portal site (the repository's module serves the portal at
# auth.example.com and Pocket ID at id.example.com): not a mismatch.
# Portal checks also need the portal on; its host name may be unknown.
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "auth.example.com";
  };
  modules.services.caddy.virtualHosts = { };
  services.caddy.virtualHosts = {
    "id.example.com".extraConfig = "reverse_proxy 127.0.0.1:1411";
    "auth.example.com".extraConfig = ''
      route {
        authenticate with pocketid
      }
    '';
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity.enable = true;
  };
}
