let cfg = { ports = [ 80 "443" ]; }; in builtins.foldl' (a: b: a + b) 0 cfg.ports
