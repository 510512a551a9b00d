let defaults = { port = 80; tls = { enable = false; }; }; user = { tls.enable = true; }; merged = defaults // user // { tls = defaults.tls // user.tls; }; in merged
