{ modules.services.grafana.reverseProxy.backend.port = 3001; }
