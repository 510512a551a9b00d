# filter forces elements only through the predicate
builtins.length (builtins.filter (x: true) [ (throw "a") (throw "b") ])
