let lib = import ./data/lib.nix; in with lib; [ (double 21) answer ]
