# The repository's generator restricts a site to its networks when it has
# no bypass: the generated Caddyfile shows the networks are used.
{ config, lib, ... }:
let
  rp = name: config.modules.services.${name}.reverseProxy;
  restrict = s: lib.optionalString (s.caddySecurity.allowedNetworks != [ ]) ''
    @outside not remote_ip ${lib.concatStringsSep " " s.caddySecurity.allowedNetworks}
    respond @outside 403
  '';
in
{
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies.users.allowedGroups = [ "users" ];
  };
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = [ "192.168.50.0/24" ];
    };
  };
  # This site's generator forgets the networks: nothing restricts it.
  modules.services.navidrome.reverseProxy = {
    enable = true;
    hostName = "music.example.com";
    caddySecurity = {
      enable = true;
      policy = "users";
      bypassPaths = [ ];
      bypassResources = [ ];
      allowedNetworks = [ "192.168.60.0/24" ];
#     ^^^^^^^^^^^^^^^ networks_without_bypass: `allowedNetworks` is set but there is no `bypassPaths` or `bypassResources`: it only limits who may use a bypass, so the site is not restricted to these networks
    };
  };
  services.caddy = {
    enable = true;
    virtualHosts."tv.example.com".extraConfig = restrict (rp "jellyfin") + "reverse_proxy 127.0.0.1:8096";
    virtualHosts."music.example.com".extraConfig = "reverse_proxy 127.0.0.1:4533";
  };
}
