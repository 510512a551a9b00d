# Network addresses, single hosts and private_ranges (whose own
# 127.0.0.1/8 is Caddy's) stay silent.
let lan = "10.20.0.0/16"; in
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "/api/health" ];
      allowedNetworks = [ lan "192.168.1.10" "192.168.1.10/32" "fd00::/8" "private_ranges" ];
    };
  };
}
