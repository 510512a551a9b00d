builtins.groupBy (x: "all") [ 3 1 2 ]
