let s = { f = x: x + 1; g = s.f; }; in [ (s.f 1) (s.g 2) ]
