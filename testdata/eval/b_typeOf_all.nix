map builtins.typeOf [ 1 1.0 "s" ''s'' true null [ ] { } (x: x) ({ a }: a) builtins.map (builtins.add 1) ./data/hello.txt http://x { __functor = s: x: x; } ]
