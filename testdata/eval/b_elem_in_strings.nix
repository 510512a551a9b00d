[ (builtins.elem "b" [ "a" "b" ]) (builtins.elem "" [ ]) (builtins.elem [ ] [ [ ] ]) (builtins.elem { } [ { } ]) ]
