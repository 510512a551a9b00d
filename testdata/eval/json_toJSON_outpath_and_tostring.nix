# sets with outPath or __toString serialise as that string
[ (builtins.toJSON { outPath = "/x"; a = 1; }) (builtins.toJSON { __toString = s: "y"; a = 1; }) (builtins.toJSON { type = "derivation"; outPath = "/p"; }) ]
