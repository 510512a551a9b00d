let l = [ 1 2 3 4 5 ]; take = n: builtins.genList (builtins.elemAt l) n; drop = n: builtins.genList (i: builtins.elemAt l (i + n)) (builtins.length l - n); in [ (take 2) (drop 3) ]
