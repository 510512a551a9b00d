import ./data/broken.nix
