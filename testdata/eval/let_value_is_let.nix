let a = let b = let c = 3; in c * 2; in b + 1; in a
