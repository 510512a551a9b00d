let a = { x = 1; y = 2; }; b = { z = 3; }; w = 4; in { inherit (a) x y; inherit (b) z; inherit w; }
