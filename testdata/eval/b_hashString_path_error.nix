builtins.hashString "md5" ./data/hello.txt
