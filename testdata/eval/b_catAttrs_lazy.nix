builtins.length (builtins.catAttrs "a" [ { a = throw "x"; } { b = 1; } { a = throw "y"; } ])
