[ (builtins.match "^a|b$" "a") (builtins.match "^a|b$" "b") (builtins.match "^a|b$" "ab") ]
