import ./data/with_args.nix { greeting = "hi"; name = "nix"; }
