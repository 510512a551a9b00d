# Valid forms stay silent: addresses, prefixes, zones, private_ranges, IPv6.
{
  modules.services.caddy.security = {
    enable = true;
    policies.lan.allowedNetworks = [ "10.0.0.0/8" "192.168.0.0/16" ];
  };
  modules.services.sonarr.reverseProxy = {
    enable = true;
    hostName = "sonarr.example.com";
    caddySecurity = {
      enable = true;
      policy = "lan";
      bypassPaths = [ "/api" ];
      allowedNetworks = [ "192.168.1.10" "10.0.0.0/8" "fd00::/8" "::1" "fe80::1%eth0" "private_ranges" "127.0.0.1/8" ];
    };
  };
}
