[ (builtins.match "\\." ".") (builtins.match "\\(" "(") (builtins.match "a\\|b" "a|b") (builtins.match "\\$" "$") (builtins.match "a\\+" "a+") ]
