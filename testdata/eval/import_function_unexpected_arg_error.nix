import ./data/fn.nix { other = 1; }
