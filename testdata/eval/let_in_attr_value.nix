{ v = let a = 3; in a * a; }
