rec { f = x: g x + 1; g = x: x * 2; r = f 5; }.r
