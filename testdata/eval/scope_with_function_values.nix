with { f = x: x * 2; }; map f [ 1 2 ]
