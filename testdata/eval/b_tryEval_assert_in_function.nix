let check = x: assert builtins.isInt x; x; in [ (builtins.tryEval (check 1)) (builtins.tryEval (check "a")) ]
