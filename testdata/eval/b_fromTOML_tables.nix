builtins.fromTOML "a.b.c = 1\n[x]\ny = true\n[x.z]\nw = \"q\""
