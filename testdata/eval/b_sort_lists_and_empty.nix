[ (builtins.sort builtins.lessThan [ ]) (builtins.sort builtins.lessThan [ [ 2 ] [ 1 5 ] [ 1 ] [ ] ]) (builtins.sort builtins.lessThan [ 2.5 1 (-3) 2 ]) ]
