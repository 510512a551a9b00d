{
  imports = [ ./b1x.nix ];
  modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/b1" ];
}
