import ./data/uses_builtins.nix
