{
  # Same file as the host imports, reached through another path spelling.
  imports = [ ../common.nix ];
  modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/nested" ];
}
