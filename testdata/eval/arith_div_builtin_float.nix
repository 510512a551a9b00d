[ (builtins.div 1 2) (builtins.div 1 2.0) (builtins.div (-1) 2) (builtins.div 6 3) ]
