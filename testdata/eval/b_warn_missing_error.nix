# builtins.warn does not exist in Nix 2.8
builtins.warn "w" 1
