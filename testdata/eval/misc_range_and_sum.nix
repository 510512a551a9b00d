let range = a: b: builtins.genList (i: a + i) (b - a + 1); in [ (range 3 7) (builtins.foldl' builtins.add 0 (range 1 100)) (range 5 4) ]
