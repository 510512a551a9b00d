let l = [ "a" "b" "c" ]; in builtins.foldl' (acc: i: acc + builtins.elemAt l i) "" (builtins.genList (i: 2 - i) 3)
