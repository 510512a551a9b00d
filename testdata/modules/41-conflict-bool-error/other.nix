{ modules.services.grafana.reverseProxy.caddySecurity.enable = false; }
