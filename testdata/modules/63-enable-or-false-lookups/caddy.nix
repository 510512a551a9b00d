# Turns every service whose reverseProxy is enabled into a caddy virtual
# host; services without a reverseProxy option are skipped via `or false`.
{ config, lib, ... }:
{
  modules.services.caddy.virtualHosts = lib.mapAttrs
    (_: s: { inherit (s.reverseProxy) hostName backend caddySecurity; })
    (lib.filterAttrs (n: s: n != "caddy" && (s.reverseProxy.enable or false)) config.modules.services);
}
