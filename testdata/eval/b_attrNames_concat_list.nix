builtins.attrNames { a = 1; } ++ [ "b" ]
