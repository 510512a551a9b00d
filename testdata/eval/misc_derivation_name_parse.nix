map (n: (builtins.parseDrvName n).version) [ "hello-2.12.1" "firefox-bin-120.0" "python3.11-pip-23.2" ]
