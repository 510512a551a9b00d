[ (builtins.hashFile "sha256" ./data/hello.txt) (builtins.hashFile "md5" ./data/empty.txt) (builtins.hashFile "sha1" (toString ./data/hello.txt)) ]
