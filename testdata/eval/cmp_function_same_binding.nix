# the same function value: f == f is false, but inside lists/sets the same thunk compares equal
let f = x: x; s = { g = f; }; in [ (f == f) ([ f ] == [ f ]) ({ a = f; } == { a = f; }) (s == s) (builtins.elem f [ f ]) ]
