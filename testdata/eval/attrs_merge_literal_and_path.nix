# a.b = ... merges with a = { ... } in either order
[ { a.b = 1; a = { c = 2; }; } { a = { c = 2; }; a.b = 1; } { a = { b = 1; }; a.c = 3; a = { d = 4; }; } ]
