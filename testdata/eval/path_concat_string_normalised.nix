# path + string is normalised like a literal
let d = toString ./.; in [ (builtins.replaceStrings [ d ] [ "<d>" ] (toString (./data + "/../x"))) (builtins.replaceStrings [ d ] [ "<d>" ] (toString (./. + "data"))) ]
