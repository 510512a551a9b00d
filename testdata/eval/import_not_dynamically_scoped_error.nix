# an imported file does not see the importer's let bindings
let outerVar = 1; in import ./data/needs_outer.nix
