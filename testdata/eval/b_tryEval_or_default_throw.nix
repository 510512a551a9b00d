builtins.tryEval ({ }.a or (throw "d"))
