[ (builtins.any (x: x) [ ]) (builtins.all (x: x) [ ]) (builtins.any (x: throw "never") [ ]) ]
