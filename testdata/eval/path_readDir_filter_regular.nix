let d = builtins.readDir ./data/kinds; in builtins.filter (n: d.${n} == "regular") (builtins.attrNames d)
