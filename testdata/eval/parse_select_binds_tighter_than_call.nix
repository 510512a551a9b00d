let f = x: x; s = { g = y: y * 2; }; in f s.g 3
