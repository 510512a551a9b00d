let s = { a = { b = null; }; "x y" = 1; }; k = "a"; in [ (s ? a) (s ? a.b) (s ? "x y") (s ? ${k}) (s ? ${k}.b) (s ? a.b.c) (null ? a) ([ ] ? a) ]
