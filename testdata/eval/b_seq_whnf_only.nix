[ (builtins.seq [ (throw "x") ] 1) (builtins.seq (x: throw "y") 2) (builtins.seq { a = throw "z"; } 3) ]
