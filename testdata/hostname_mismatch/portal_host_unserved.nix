# Pocket ID runs here at id.example.com, the portal host is another name
# and no site (neither a service nor a rendered Caddy site) serves it.
{
  networking.domain = "example.com";

  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "login.example.com";
#                 ^^^^^^^^^^^^^^^^^ hostname_mismatch: `portalHost` `login.example.com` is not Pocket ID's host: Pocket ID is served at `id.example.com` and no site serves `login.example.com`, so every login is sent to a host nobody answers for
  };
  modules.services.caddy.virtualHosts = { };
  services.caddy.virtualHosts."id.example.com".extraConfig = ''
    reverse_proxy 127.0.0.1:1411
  '';
}
