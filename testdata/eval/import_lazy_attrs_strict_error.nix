import ./data/lazy.nix
