# helper: an imported file gets the global builtins scope
{ x = builtins.length [ 1 2 3 ]; y = map (v: v * 2) [ 1 ]; z = toString true; }
