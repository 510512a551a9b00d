{ lib, ... }:
let
  on = { enable = true; caddySecurity.enable = true; };
in
{
  networking = {
    hostName = "kestrel";
    domain = "kestrel.example";
  };

  modules.services = {
    grafana = {
      enable = true;
      reverseProxy = on;
    };
    uptime-kuma = {
      enable = true;
      reverseProxy = on;
    };
    # Migrating from Uptime Kuma; will take over status.<domain>.
    gatus = {
      enable = true;
      reverseProxy = on // { subdomain = "status"; };
#                                         ^^^^^^ duplicate_hostname: `gatus` and `uptime-kuma` both claim the hostName `status.kestrel.example`: Caddy refuses two sites with one address, or serves only one of them
    };
    # Not enabled: its vhost is never registered.
    ntfy = {
      enable = false;
      reverseProxy = on // { subdomain = "grafana"; };
    };
  };
}
