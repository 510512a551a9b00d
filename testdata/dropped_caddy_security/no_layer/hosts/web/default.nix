# Documented schema without a virtual-host layer: the shared Caddy module
# reads every service's reverseProxy directly, so nothing can be dropped.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.admins.allowedGroups = [ "admins" ];
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = { enable = true; policy = "admins"; };
  };
  services.caddy.virtualHosts."grafana.example.com".extraConfig = ''
    route /* {
      authorize with admins
      reverse_proxy 127.0.0.1:3000
    }
  '';
}
