# comparator always true: the list comes out reversed
[ (builtins.sort (a: b: true) [ 1 2 3 4 ]) (builtins.sort (a: b: true) (builtins.genList (x: x) 20)) ]
