builtins.deepSeq [ (x: throw "never") { f = y: y; } ] "ok"
