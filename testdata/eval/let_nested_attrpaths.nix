let a.b = 1; a.c = 2; d = { e = 1; }; d.f = 2; in [ a d ]
