let s = { b = 2; a = 1; }; in builtins.attrValues (builtins.mapAttrs (n: v: "${n}=${toString v}") s)
