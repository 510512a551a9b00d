builtins.groupBy (x: 1) [ 1 ]
