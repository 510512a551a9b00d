[ (builtins.listToAttrs [ { name = "a"; value = 1; } ] ? a) (builtins.map (x: x) [ ] == [ ]) ]
