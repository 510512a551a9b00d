let s = { a = 1; b = 2; c = 3; }; inherit (s) a b c; in a + b + c
