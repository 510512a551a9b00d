[ (builtins.match "[[:space:]]+" "\n\t ") (builtins.match "[^[:space:]]+" "ab\n") ]
