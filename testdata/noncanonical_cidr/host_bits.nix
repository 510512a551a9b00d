{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "/api/health" ];
      allowedNetworks = [ "192.168.1.10/24" "10.0.0.1/8" "2001:db8::1/48" "192.168.1.0/24" ];
#                          ^^^^^^^^^^^^^^^ noncanonical_cidr: `192.168.1.10/24` has host bits set; Caddy matches it as `192.168.1.0/24`
#                                            ^^^^^^^^^^ noncanonical_cidr: `10.0.0.1/8` has host bits set; Caddy matches it as `10.0.0.0/8`
#                                                         ^^^^^^^^^^^^^^ noncanonical_cidr: `2001:db8::1/48` has host bits set; Caddy matches it as `2001:db8::/48`
    };
  };
}
