builtins.attrNames (builtins.intersectAttrs { z = 0; b = 0; a = 0; } { a = 1; z = 2; y = 3; })
