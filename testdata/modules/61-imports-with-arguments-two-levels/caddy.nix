# Turns every enabled service's reverseProxy into a caddy virtual host.
{ config, lib, ... }:
{
  modules.services.caddy.virtualHosts = lib.mapAttrs
    (_: s: { inherit (s.reverseProxy) hostName backend caddySecurity; })
    (lib.filterAttrs (n: s: n != "caddy" && s.reverseProxy.enable) config.modules.services);
}
