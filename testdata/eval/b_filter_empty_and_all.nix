[ (builtins.filter (x: x) [ true false true ]) (builtins.filter (x: true) [ ]) (builtins.filter (x: false) [ 1 2 ]) ]
