{ lib, ... }:
{
  modules.services.immich.reverseProxy.caddySecurity = {
    bypassPaths = [ "/blocks-block" ];
    enable = true;
  };
  imports = [
    { modules.services.immich.reverseProxy.caddySecurity = { bypassPaths = [ "/imported-block-1" ]; }; }
    { modules.services.immich.reverseProxy.caddySecurity = { bypassPaths = [ "/imported-block-2" ]; }; }
  ];
}
