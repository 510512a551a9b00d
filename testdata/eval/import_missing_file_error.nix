import ./data/nope.nix
