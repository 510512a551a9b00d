let v = "x"; in builtins.toJSON "a${v}b\n"
