[ (builtins.split "z" "abc") (builtins.split "z" "") ]
