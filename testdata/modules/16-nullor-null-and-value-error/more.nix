{ modules.services.grafana.reverseProxy.hostName = null; }
