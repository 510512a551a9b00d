# Defaults of formals are per call, sets that read neither are not
let f = { a ? [ b ], b ? 1 }: { v = [ a b ]; w = { k = [ "k" ]; }; }; in [ (f { }) (f { b = 2; }) (f { a = [ 0 ]; }) ]
