let a = { b = a; x = 1; }; l = [ l ]; in [ a.b.b.b.x (a.b.b ? b) (builtins.length l) ]
