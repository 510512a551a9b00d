let attrs = builtins.mapAttrs (n: v: attrs.a or 0) { a = 1; b = 2; }; in attrs
