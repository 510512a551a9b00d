let cfg = { port = 70000; }; in assert cfg.port < 65536 || throw "port ${toString cfg.port} out of range"; cfg
