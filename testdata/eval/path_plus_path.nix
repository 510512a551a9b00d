# path + path appends the second path's absolute name to the first
let p = ./data + ./data; base = toString ./.; in [ (builtins.typeOf p) (builtins.replaceStrings [ base ] [ "<d>" ] (toString p)) ]
