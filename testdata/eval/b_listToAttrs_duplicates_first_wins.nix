[ (builtins.listToAttrs [ { name = "a"; value = 1; } { name = "a"; value = 2; } ]) (builtins.listToAttrs [ ]) (builtins.listToAttrs [ { name = "a"; value = 1; extra = 3; } ]) ]
