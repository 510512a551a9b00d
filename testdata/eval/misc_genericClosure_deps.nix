let deps = { a = [ "b" "c" ]; b = [ "c" ]; c = [ ]; d = [ "a" ]; }; in map (x: x.key) (builtins.genericClosure { startSet = [ { key = "d"; } ]; operator = x: map (k: { key = k; }) deps.${x.key}; })
