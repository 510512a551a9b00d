let l = [ 1 ] ++ l; in builtins.head l
