builtins.toXML { a = 1; b = [ "x" true null 1.5 ]; }
