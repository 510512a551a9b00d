{ modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/b1x" ]; }
