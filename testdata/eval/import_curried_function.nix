[ (import ./data/curried.nix 1 2) ((import ./data/curried.nix) 3 4) ]
