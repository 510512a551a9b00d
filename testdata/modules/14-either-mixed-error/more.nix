{ modules.services.grafana.reverseProxy.aliases = [ "metrics.either.example" ]; }
