builtins.genList 1 2
