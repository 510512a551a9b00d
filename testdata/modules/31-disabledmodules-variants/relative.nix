{ modules.services.relative.reverseProxy = { enable = true; hostName = "relative.disabled.example"; backend.port = 4; }; }
