# Factory returning a plain attrset module (no function) for a service that
# is declared by mk-service.
name: paths: { modules.services.${name}.reverseProxy.caddySecurity.bypassPaths = paths; }
