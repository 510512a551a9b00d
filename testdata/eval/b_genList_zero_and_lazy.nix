[ (builtins.genList (x: x) 0) (builtins.length (builtins.genList (x: throw "no") 3)) (builtins.genList (i: [ i ]) 2) ]
