# Only forwards hostName when the service set one.
{ config, lib, ... }:
{
  modules.services.caddy.virtualHosts = lib.mapAttrs
    (_: s: {
      inherit (s.reverseProxy) backend;
      hostName = lib.mkIf (s.reverseProxy.hostName != null) s.reverseProxy.hostName;
      caddySecurity.enable = s.reverseProxy.caddySecurity.enable;
    })
    (lib.filterAttrs (n: s: n != "caddy" && s.reverseProxy.enable) config.modules.services);
}
