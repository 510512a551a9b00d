builtins.genericClosure { startSet = [ { key = 3; a = "first"; } { key = 3; a = "dup"; } ]; operator = x: [ { key = 1; } ]; }
