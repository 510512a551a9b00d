let
  services = { grafana = 3000; loki = 3100; };
  line = name: "${name} -> 127.0.0.1:${toString services.${name}}";
in builtins.concatStringsSep "\n" (map line (builtins.attrNames services)) + "\n"
