# rec sets and lets inside a function: values reading their own frame or the argument stay per call
let f = x: rec { a = [ x ]; b = [ a ]; c = let y = x + 1; in { z = [ y ]; w = [ 1 ]; }; inherit x; d = { e = [ x ]; }; }; in [ (f 1) (f 2) ]
