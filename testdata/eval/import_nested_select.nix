(import ./data/lib.nix).nested.deep.value
