{ modules.services.wiki.reverseProxy.caddySecurity.bypassPaths = [ "/a2" ]; }
