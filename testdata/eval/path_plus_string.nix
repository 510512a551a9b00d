# path + string stays a path (not checked for existence until used)
let p = ./data + "/hello.txt"; in [ (builtins.typeOf p) (builtins.readFile p) (baseNameOf p) ]
