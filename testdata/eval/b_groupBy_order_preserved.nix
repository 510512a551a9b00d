builtins.groupBy (x: if builtins.bitAnd x 1 == 0 then "even" else "odd") [ 5 2 3 8 1 4 ]
