let s = builtins.listToAttrs [ { name = s.b; value = 1; } ]; in s
