# a path literal in an imported file resolves relative to that file
[ (builtins.readFile (import ./data/returns_path.nix)) (baseNameOf (import ./data/returns_path.nix)) ]
