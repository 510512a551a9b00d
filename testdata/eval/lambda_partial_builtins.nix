let addTwo = builtins.add 2; hasA = builtins.hasAttr "a"; in [ (addTwo 3) (hasA { a = 1; }) (map (builtins.elemAt [ "x" "y" "z" ]) [ 2 0 ]) ]
