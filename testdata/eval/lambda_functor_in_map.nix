[ (map { __functor = s: x: x * 2; } [ 1 2 ]) (builtins.isFunction { __functor = s: x: x; }) (builtins.typeOf { __functor = s: x: x; }) ]
