builtins.match "(a)|(b)|(c)" "c"
