builtins.mapAttrs (name: value: name + "=" + toString value) { z = 1; "a b" = 2; }
