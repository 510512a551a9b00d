let s = { a = null; b = false; }; in [ (s.a or "d") (s.b or "d") (s.c or null) ]
