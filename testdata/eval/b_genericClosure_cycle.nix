map (x: x.key) (builtins.genericClosure { startSet = [ { key = 1; } ]; operator = x: [ { key = if x.key == 3 then 1 else x.key + 1; } ]; })
