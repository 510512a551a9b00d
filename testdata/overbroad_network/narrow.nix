# /8 and longer (IPv4), /16 and longer (IPv6) are fine.
{
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      bypassPaths = [ "/api" ];
      allowedNetworks = [ "10.0.0.0/8" "fd00:1234::/16" "private_ranges" ];
    };
  };
}
