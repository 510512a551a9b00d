import "./data/lib.nix"
