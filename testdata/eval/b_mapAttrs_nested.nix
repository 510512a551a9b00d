builtins.mapAttrs (n: v: builtins.mapAttrs (n2: v2: "${n}.${n2}=${toString v2}") v) { a = { x = 1; }; b = { y = 2; z = 3; }; }
