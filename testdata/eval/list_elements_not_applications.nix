# list elements are select expressions, not applications: [ f 1 ] has two elements
let f = x: x; in [ (builtins.length [ f 1 ]) (builtins.length [ (f 1) ]) ]
