builtins.hashString "sha3" "a"
