rec { f = x: g x; g = x: f x; r = f 1; }.r
