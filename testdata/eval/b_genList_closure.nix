let fs = builtins.genList (i: x: x + i) 3; in map (f: f 10) fs
