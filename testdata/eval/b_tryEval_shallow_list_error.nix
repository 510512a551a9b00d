builtins.tryEval [ (throw "escapes tryEval") ]
