{
  imports = [ ./b1.nix ];
  modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/b" ];
}
