# ceil/floor return integers; ints pass through
[ (builtins.ceil 1.5) (builtins.floor (-1.5)) (builtins.ceil (-0.5)) (builtins.floor 2.999) (builtins.ceil 2) (builtins.typeOf (builtins.ceil 1.2)) (builtins.floor 7) ]
