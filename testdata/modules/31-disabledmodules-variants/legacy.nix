{ modules.services.legacy.reverseProxy = { enable = true; hostName = "legacy.invalid"; backend.port = 1; }; }
