with import ./data/lib.nix; greet "with"
