builtins.length (builtins.seq 1 [ (throw "not forced") ])
