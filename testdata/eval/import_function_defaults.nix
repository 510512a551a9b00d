[ (import ./data/fn.nix { }) (import ./data/fn.nix { extra = 1; }) (import ./data/fn.nix { base = 1; extra = 2; }) ]
