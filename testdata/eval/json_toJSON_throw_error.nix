builtins.toJSON { a = 1; b = throw "forced by toJSON"; }
