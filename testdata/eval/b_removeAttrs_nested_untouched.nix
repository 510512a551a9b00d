builtins.removeAttrs { a.b = 1; c = 2; "a.b" = 3; } [ "a.b" ]
