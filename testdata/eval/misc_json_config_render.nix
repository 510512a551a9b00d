builtins.toJSON { server = { port = 8080; host = "0.0.0.0"; tls = null; }; users = [ "a" "b" ]; ratio = 0.25; }
