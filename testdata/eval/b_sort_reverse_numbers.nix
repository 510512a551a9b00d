builtins.sort (a: b: a > b) (builtins.genList (i: i * i - 10 * i) 12)
