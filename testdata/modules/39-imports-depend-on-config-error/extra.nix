{ modules.services.grafana.reverseProxy.caddySecurity.enable = true; }
