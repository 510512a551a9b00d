[ (builtins.match "((ab)+)c" "ababc") (builtins.match "(a(b)?)+" "aba") ]
