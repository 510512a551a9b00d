let add3 = a: b: c: a + b + c; p1 = add3 1; p2 = p1 2; in [ (p2 3) (p1 10 20) (add3 1 1 1) ]
