builtins.trace (throw "message forced") 2
