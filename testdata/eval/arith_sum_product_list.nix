let l = [ 1 2 3 4 5 ]; in [ (builtins.foldl' builtins.add 0 l) (builtins.foldl' builtins.mul 1 l) (builtins.foldl' builtins.sub 0 l) ]
