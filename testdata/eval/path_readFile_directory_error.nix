builtins.readFile ./data
