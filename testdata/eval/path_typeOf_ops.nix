[ (builtins.typeOf ./.) (builtins.typeOf (./. + "/x")) (builtins.typeOf "${./data/hello.txt}") (builtins.isPath (dirOf ./data/hello.txt)) (builtins.isString (baseNameOf ./data/hello.txt)) ]
