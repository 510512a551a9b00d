# foldl' forces the accumulator at each step
builtins.foldl' (acc: x: if x == 2 then throw "acc forced" else acc) 0 [ 1 2 3 ]
