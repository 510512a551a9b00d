[ (3.0 == 3) (3.5 > 3) (builtins.floor 3.5 == 3) (builtins.ceil 3.5 == 4) ]
