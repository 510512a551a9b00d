[ (builtins.isFunction (builtins.add 1)) (builtins.typeOf (builtins.add 1)) (builtins.functionArgs (builtins.add 1)) (builtins.isFunction map) ]
