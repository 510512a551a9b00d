builtins.pathExists "relative"
