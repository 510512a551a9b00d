{ fromDefaultNix = true; sibling = import ./other.nix; }
