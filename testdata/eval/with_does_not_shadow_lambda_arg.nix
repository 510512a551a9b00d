(a: with { a = 2; }; a) 1
