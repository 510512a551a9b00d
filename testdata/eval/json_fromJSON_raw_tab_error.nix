builtins.fromJSON "\"tab\there\""
