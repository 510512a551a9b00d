builtins.hashString "SHA256" "a"
