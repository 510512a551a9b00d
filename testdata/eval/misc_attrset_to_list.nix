let s = { b = 2; a = 1; }; in map (n: { name = n; value = s.${n}; }) (builtins.attrNames s)
