# toString of a path gives its absolute name (compared relative to this dir here)
let dir = toString ./.; in [ (builtins.replaceStrings [ dir ] [ "<d>" ] (toString ./data/hello.txt)) (builtins.replaceStrings [ dir ] [ "<d>" ] (toString ./data/../data/./x)) ]
