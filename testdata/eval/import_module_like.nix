import ./data/module_like.nix { config = 1; extra = 2; }
