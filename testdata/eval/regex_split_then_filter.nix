let parts = builtins.split "[,;] *" "a, b;c ,d"; in builtins.filter builtins.isString parts
