[ (builtins.groupBy (x: x) [ ]) (builtins.groupBy (x: if x then "t" else "f") [ true false true ]) (builtins.groupBy (s: toString (builtins.stringLength s)) [ "a" "bb" "c" ]) ]
