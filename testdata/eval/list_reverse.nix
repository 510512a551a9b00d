let rev = l: builtins.genList (i: builtins.elemAt l (builtins.length l - 1 - i)) (builtins.length l); in rev [ 1 2 3 "x" ]
