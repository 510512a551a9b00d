[ (builtins.hashString "md5" "") (builtins.hashString "sha1" "abc") (builtins.hashString "sha256" "hello\n") (builtins.hashString "sha512" "a") (builtins.hashString "md5" "é") ]
