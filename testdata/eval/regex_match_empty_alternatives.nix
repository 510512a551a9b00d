[ (builtins.match "a|" "b") (builtins.match "a|" "") (builtins.match "(|a)b" "ab") ]
