builtins.attrNames { b = 1; B = 2; a = 3; "1" = 4; "_" = 5; "é" = 6; aa = 7; "" = 8; "a b" = 9; }
