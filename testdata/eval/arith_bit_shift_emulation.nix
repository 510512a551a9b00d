let shl = x: n: if n == 0 then x else shl (x * 2) (n - 1); in [ (shl 1 10) (builtins.bitAnd (shl 1 62) (shl 1 62)) (builtins.bitOr 1 (shl 1 4)) ]
