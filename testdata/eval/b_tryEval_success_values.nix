map (x: builtins.tryEval x) [ 1 "s" null [ 1 ] { a = 1; } ]
