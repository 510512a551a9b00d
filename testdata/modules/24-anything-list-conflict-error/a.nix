{ modules.services.grafana.reverseProxy.settings.auth.scopes = [ "openid" ]; }
