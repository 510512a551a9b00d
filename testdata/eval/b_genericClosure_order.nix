# items are processed in breadth-first order and kept in discovery order
map (x: x.key) (builtins.genericClosure { startSet = [ { key = 0; } ]; operator = x: builtins.filter (y: y.key < 7) [ { key = x.key * 2 + 1; } { key = x.key * 2 + 2; } ]; })
