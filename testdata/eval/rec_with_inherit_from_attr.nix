rec { base = { v = 1; w = 2; }; inherit (base) v; total = v + base.w; }
