let s = { prefix = "p"; } // import ./data/overlay_lib.nix s; in [ s.name s.twice ]
