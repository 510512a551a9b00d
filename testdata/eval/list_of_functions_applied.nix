map (f: f 3) [ (x: x + 1) (x: x * 2) builtins.toString (builtins.add 10) ]
