# dirOf keeps paths as paths and strings as strings; both coerce outPath sets
[ (builtins.typeOf (dirOf "/a")) (builtins.typeOf (dirOf ./data/hello.txt)) (baseNameOf { outPath = "/x/y"; }) (builtins.replaceStrings [ (toString ./.) ] [ "<d>" ] (toString (dirOf ./data/hello.txt))) ]
