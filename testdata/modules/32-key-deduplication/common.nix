{ modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/common" ]; }
