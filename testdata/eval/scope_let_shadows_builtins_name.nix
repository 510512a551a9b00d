[ (let builtins = { x = 1; }; in builtins.x) (let map = 5; in map) (let true = false; in true) (let derivation = 1; in derivation) ]
