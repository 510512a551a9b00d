builtins.concatMap (s: builtins.attrNames s) [ { b = 1; a = 2; } { } { c = 3; } ]
