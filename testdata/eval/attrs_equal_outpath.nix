# sets with outPath compare by outPath (derivation-style) only if both have type = "derivation"
[ ({ outPath = "x"; a = 1; } == { outPath = "x"; a = 2; }) ({ type = "derivation"; outPath = "x"; a = 1; } == { type = "derivation"; outPath = "x"; a = 2; }) ]
