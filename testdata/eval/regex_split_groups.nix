[ (builtins.split "(a)|(b)" "1a2b3") (builtins.split "(b)|(c)" "abcd") (builtins.split "((a)|b)" "ab") (builtins.split "([[:digit:]]+)" "a1b22c") ]
