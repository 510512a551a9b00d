let l = [ 1 2 3 4 ]; in (builtins.foldl' builtins.add 0 l) / (builtins.length l * 1.0)
