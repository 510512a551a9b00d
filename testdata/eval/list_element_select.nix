let s = { a = [ 1 2 ]; }; in [ s.a s.a or 0 s.b or 0 ]
