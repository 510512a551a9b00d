{
  imports = [ ./a1.nix ./a2.nix ];
  modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/a" ];
}
