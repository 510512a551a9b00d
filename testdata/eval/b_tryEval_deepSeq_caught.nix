[ (builtins.tryEval (builtins.deepSeq { a = throw "x"; } 1)) (builtins.tryEval (builtins.seq (throw "x") 1)) (builtins.tryEval (builtins.deepSeq [ 1 [ (throw "y") ] ] 2)) ]
