let xs = map (x: x * 2) xs; in builtins.length xs
