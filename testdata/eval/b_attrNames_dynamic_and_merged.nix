builtins.attrNames ({ z = 1; } // builtins.listToAttrs [ { name = "m"; value = 2; } ] // { a.b = 3; })
