builtins.genList (i: builtins.genList (j: i * 3 + j) 3) 2
