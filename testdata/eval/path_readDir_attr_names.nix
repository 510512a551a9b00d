builtins.attrNames (builtins.readDir ./data/nested)
