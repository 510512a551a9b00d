builtins.listToAttrs (map (n: { name = "k${toString n}"; value = n * n; }) [ 3 1 2 1 ])
