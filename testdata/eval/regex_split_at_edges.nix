[ (builtins.split "a" "a") (builtins.split "a" "aa") (builtins.split "(a)" "aba") ]
