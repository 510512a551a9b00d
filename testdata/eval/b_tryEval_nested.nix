[ (builtins.tryEval (builtins.tryEval (throw "x"))) (builtins.tryEval (throw (throw "inner"))) ((builtins.tryEval (throw "x")).value) ]
