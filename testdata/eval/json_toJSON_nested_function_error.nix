builtins.toJSON [ 1 [ { f = x: x; } ] ]
