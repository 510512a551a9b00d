builtins.sort builtins.lessThan [ 3 1.5 (-2) 0 2.25 1 ]
