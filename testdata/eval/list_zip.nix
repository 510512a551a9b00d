let a = [ 1 2 3 ]; b = [ "a" "b" "c" ]; in builtins.genList (i: { fst = builtins.elemAt a i; snd = builtins.elemAt b i; }) 3
