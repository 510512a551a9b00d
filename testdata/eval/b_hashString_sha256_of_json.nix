builtins.hashString "sha256" (builtins.toJSON { a = 1; })
