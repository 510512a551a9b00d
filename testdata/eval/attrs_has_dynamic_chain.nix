let s = { a.b = 1; }; x = "a"; y = "b"; in [ (s ? ${x}.${y}) (s ? ${x}.c) (s ? "${x}") ]
