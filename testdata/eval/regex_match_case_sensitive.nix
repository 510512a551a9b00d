[ (builtins.match "A" "a") (builtins.match "[A-Z]+" "ABC") (builtins.match "[a-z]+" "ABC") ]
