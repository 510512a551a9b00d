builtins.length (builtins.deepSeq 1 [ (throw "x") ])
