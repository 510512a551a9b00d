builtins.attrNames (builtins.listToAttrs [ { name = "b"; value = throw "x"; } { name = "a"; value = 2; } ])
