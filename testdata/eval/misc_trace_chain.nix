builtins.trace "one" (builtins.trace "two" (1 + 1))
