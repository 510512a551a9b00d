rec { a = [ 1 2 ]; b = a ++ [ 3 ]; c = builtins.length b; }
