builtins.mapAttrs (n: v: if n == "b" then throw "b mapped" else v) { a = 1; b = 2; }
