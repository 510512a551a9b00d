builtins.seq (throw "first forced") 1
