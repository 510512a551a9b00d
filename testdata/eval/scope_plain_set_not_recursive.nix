let x = 1; in { x = 2; y = x; }.y
