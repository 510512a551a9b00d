# sets with type = "derivation" compare by outPath only
[ ({ type = "derivation"; outPath = "/p"; x = 1; } == { type = "derivation"; outPath = "/p"; x = 2; }) ({ type = "derivation"; outPath = "/p"; } == { type = "derivation"; outPath = "/q"; }) ({ outPath = "/p"; x = 1; } == { outPath = "/p"; x = 2; }) ]
