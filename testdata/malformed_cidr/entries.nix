# Entries Caddy's remote_ip refuses, in a service, a static key and a policy.
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.lan.allowedNetworks = [ "192.168.1/24" ];
#                                     ^^^^^^^^^^^^ malformed_cidr: `192.168.1/24` is not a network Caddy's `remote_ip` accepts: parsing CIDR expression '192.168.1/24': netip.ParsePrefix("192.168.1/24"): ParseAddr("192.168.1"): IPv4 address too short
  };
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true;
      policy = "lan";
      bypassPaths = [ "/api/health" ];
      allowedNetworks = [
        "192.168.1.0/24"
        "010.0.0.0/8"
#        ^^^^^^^^^^^ malformed_cidr: `010.0.0.0/8` is not a network Caddy's `remote_ip` accepts: parsing CIDR expression '010.0.0.0/8': netip.ParsePrefix("010.0.0.0/8"): ParseAddr("010.0.0.0"): IPv4 field has octet with leading zero
        "10.0.0.0/33"
#        ^^^^^^^^^^^ malformed_cidr: `10.0.0.0/33` is not a network Caddy's `remote_ip` accepts: parsing CIDR expression '10.0.0.0/33': netip.ParsePrefix("10.0.0.0/33"): prefix length out of range
        "localhost"
#        ^^^^^^^^^ malformed_cidr: `localhost` is not a network Caddy's `remote_ip` accepts: invalid IP address: 'localhost': ParseAddr("localhost"): unable to parse IP
        "10.0.0.0-10.0.0.255"
#        ^^^^^^^^^^^^^^^^^^^ malformed_cidr: `10.0.0.0-10.0.0.255` is not a network Caddy's `remote_ip` accepts: invalid IP address: '10.0.0.0-10.0.0.255': ParseAddr("10.0.0.0-10.0.0.255"): unexpected character (at "-10.0.0.255")
        "10.0.0.0/8,"
#        ^^^^^^^^^^^ malformed_cidr: `10.0.0.0/8,` is not a network Caddy's `remote_ip` accepts: parsing CIDR expression '10.0.0.0/8,': netip.ParsePrefix("10.0.0.0/8,"): bad bits after slash: "8,"
        "[::1]"
#        ^^^^^ malformed_cidr: `[::1]` is not a network Caddy's `remote_ip` accepts: invalid IP address: '[::1]': ParseAddr("[::1]"): each colon-separated field must have at least one digit (at "[::1]")
        "private_ranges"
        "fe80::1%eth0"
      ];
      staticApiKeys = [
        { name = "homepage"; envVar = "HOMEPAGE_KEY"; paths = [ "/api" ]; allowedNetworks = [ "10.1.2.3/8 " ]; }
#                                                                                              ^^^^^^^^^^^ malformed_cidr: `10.1.2.3/8 ` is not a network Caddy's `remote_ip` accepts: parsing CIDR expression '10.1.2.3/8 ': netip.ParsePrefix("10.1.2.3/8 "): bad bits after slash: "8 "
      ];
    };
  };
}
