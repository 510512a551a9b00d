builtins.toJSON { b = 1; a = { d = [ ]; c = null; }; "A" = 2; "a\"b" = 3; }
