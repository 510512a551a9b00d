{ modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/a1" ]; }
