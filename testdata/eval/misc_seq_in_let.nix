let x = 1; y = builtins.seq x (x + 1); in y
