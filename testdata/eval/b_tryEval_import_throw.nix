builtins.tryEval (import ./data/throws.nix)
