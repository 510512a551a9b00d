builtins.match "(.*)(\\.tar\\.gz|\\.gz)" "file.tar.gz"
