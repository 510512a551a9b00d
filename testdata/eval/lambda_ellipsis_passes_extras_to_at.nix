(args@{ a, ... }: builtins.removeAttrs args [ "a" ]) { a = 1; b = 2; c = 3; }
