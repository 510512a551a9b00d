# helper: imports cycle_b which imports this file lazily
{ name = "a"; other = (import ./cycle_b.nix).name; }
