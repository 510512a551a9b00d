let l = [ 1 2 3 ]; in [ (builtins.any (x: x > 2) l) (builtins.all (x: x > 0) l) (builtins.any (x: x > 3) l) (builtins.all (x: x > 1) l) ]
