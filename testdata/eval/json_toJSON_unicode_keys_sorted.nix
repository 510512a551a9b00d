builtins.toJSON { "é" = 1; "z" = 2; "A" = 3; "" = 4; }
