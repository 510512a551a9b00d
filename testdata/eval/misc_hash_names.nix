map (n: builtins.substring 0 8 (builtins.hashString "sha256" n)) [ "grafana" "loki" ]
