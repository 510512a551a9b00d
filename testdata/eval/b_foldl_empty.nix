# foldl' on an empty list returns the initial value without calling f
[ (builtins.foldl' (a: b: a + b) 0 [ ]) (builtins.foldl' (a: b: throw "no") 7 [ ]) ]
