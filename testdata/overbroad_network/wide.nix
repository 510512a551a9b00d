{
  modules.services.caddy.security.policies.world.allowedNetworks = [ "0.0.0.0/0" ];
#                                                                     ^^^^^^^^^ overbroad_network: `0.0.0.0/0` covers every address; it is effectively public
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      policy = "world";
      bypassPaths = [ "/api" ];
      allowedNetworks = [ "10.0.0.0/4" "::/0" "2001:db8::/12" "10.0.0.0/8" ];
#                          ^^^^^^^^^^ overbroad_network: `10.0.0.0/4` covers 1/16 of all IPv4 addresses; it is effectively public
#                                       ^^^^ overbroad_network: `::/0` covers every address; it is effectively public
#                                              ^^^^^^^^^^^^^ overbroad_network: `2001:db8::/12` covers a /12 IPv6 block; it is effectively public
    };
  };
}
