let l = import ./data/lib.nix; in builtins.mapAttrs (n: v: l.greet n) { a = 1; b = 2; }
