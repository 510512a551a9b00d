[ (builtins.removeAttrs { a = 1; b = 2; } [ "a" "a" ]) (builtins.removeAttrs { } [ "x" ]) (builtins.removeAttrs { a = throw "lazy"; b = 1; } [ "a" ]) ]
