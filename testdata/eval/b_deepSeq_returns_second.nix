[ (builtins.deepSeq [ 1 2 ] "ok") (builtins.deepSeq { f = x: throw "not called"; } "fn") (builtins.deepSeq null 3) ]
