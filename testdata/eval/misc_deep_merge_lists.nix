let a = { l = [ 1 ]; s.l = [ 2 ]; }; b = { l = [ 3 ]; s.l = [ 4 ]; }; in { l = a.l ++ b.l; s.l = a.s.l ++ b.s.l; }
