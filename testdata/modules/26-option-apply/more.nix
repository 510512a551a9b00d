{ modules.services.grafana.reverseProxy.caddySecurity.bypassPaths = [ "/metrics" "/api" ]; }
