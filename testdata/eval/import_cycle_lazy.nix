# two files importing each other are fine when the cycle is not forced
[ (import ./data/cycle_a.nix).other (import ./data/cycle_b.nix).other ]
