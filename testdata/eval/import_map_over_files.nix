map (f: import f) [ ./data/subdir/other.nix ./data/nested/up.nix ]
