builtins.trace { a = 1; } [ 2 ]
