[ (builtins.match "(a)|(b)" "b") (builtins.match "(a)?b" "b") (builtins.match "(x)(y)?" "x") (builtins.match "a(b(c)?)?" "ab") ]
