builtins.removeAttrs { a = 1; b = 2; } (builtins.attrNames { a = 1; b = 2; })
