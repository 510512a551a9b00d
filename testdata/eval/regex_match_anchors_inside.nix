[ (builtins.match "a$b" "ab") (builtins.match "a^b" "ab") (builtins.match "(^a)" "a") (builtins.match "^(a|b)$" "b") ]
