builtins.fromTOML "a = 0x10\nb = 1_000\nc = \"\\u00e9\"\nd = 'lit\\n'\ne = 1.5\nf = [1, [2]]\ng = { h = false }"
