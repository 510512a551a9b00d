let x = rec { a = 1; b = a; }; in with x; let c = b + 1; in c
