[ (builtins.elem 1 [ 1.0 ]) (builtins.elem [ 1 ] [ [ 1 ] ]) (builtins.elem { a.b = [ 1 ]; } [ { a.b = [ 1 ]; } ]) (builtins.elem null [ false ]) (builtins.elem "1" [ 1 ]) ]
