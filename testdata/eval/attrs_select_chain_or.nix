let s = { a.b.c = 1; }; in [ (s.a.b.c or 0) (s.a.x.c or 0) (s.a.b.c.d or "notset") (s ? a.b.c) (s ? a.b.c.d) ]
