let text = "one two\nthree  four\n"; words = builtins.filter (w: builtins.isString w && w != "") (builtins.split "[[:space:]]+" text); in { count = builtins.length words; inherit words; }
