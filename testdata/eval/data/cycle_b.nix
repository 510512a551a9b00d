{ name = "b"; other = (import ./cycle_a.nix).name; }
