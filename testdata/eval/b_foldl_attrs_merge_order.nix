builtins.foldl' (acc: s: s // acc) { } [ { a = 1; } { a = 2; b = 2; } ]
