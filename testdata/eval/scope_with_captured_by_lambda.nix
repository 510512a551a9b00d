let f = with { x = 1; }; y: x + y; in f 2
