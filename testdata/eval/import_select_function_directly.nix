(import ./data/lib.nix).greet "world"
