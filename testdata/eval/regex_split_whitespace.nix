builtins.filter builtins.isString (builtins.split "[[:space:]]+" " foo  bar\tbaz\n")
