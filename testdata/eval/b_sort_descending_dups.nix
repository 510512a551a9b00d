builtins.sort (a: b: a > b) (builtins.genList (x: builtins.bitAnd (x * 7) 15) 20)
