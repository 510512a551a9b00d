rec { a = 1; sub = rec { a = 2; b = a; }; c = sub.b + a; }
