# ../ and ./ in relative path literals resolve against this file's directory
let d = toString ./.; in [ (builtins.replaceStrings [ d ] [ "<d>" ] (toString ./data/../data/hello.txt)) (baseNameOf ../eval) (toString ./data/.. == d) ]
