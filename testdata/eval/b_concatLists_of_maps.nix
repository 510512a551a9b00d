builtins.concatLists (map (n: builtins.genList (i: n) n) [ 1 2 3 ])
