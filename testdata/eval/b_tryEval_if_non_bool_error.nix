builtins.tryEval (if 1 then 1 else 1)
