with builtins.listToAttrs [ { name = "k"; value = "v"; } ]; k
