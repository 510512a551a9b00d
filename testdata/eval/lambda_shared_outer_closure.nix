# Values that ignore the argument but read an outer function's differ between closures
let mk = n: x: { a = [ n ]; b = { v = n; }; c = [ x ]; }; g1 = mk 1; g2 = mk 2; in [ (g1 0).a (g2 0).a (g1 5).b (g2 5).b (g1 7).c (g2 8).c ]
