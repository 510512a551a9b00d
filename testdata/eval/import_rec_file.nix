import ./data/rec_file.nix
