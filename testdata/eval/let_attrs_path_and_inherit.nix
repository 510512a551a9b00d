let cfg.port = 80; cfg.host = "h"; inherit (cfg) port; in "${cfg.host}:${toString port}"
