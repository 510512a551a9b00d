{ modules.services.old.reverseProxy = { enable = true; hostName = "old.invalid"; backend.port = 2; }; }
