builtins.length (builtins.foldl' (acc: x: acc ++ [ x ]) [ ] (builtins.genList (x: x) 5000))
