# imports are cached per file: two imports give equal sets (functions compare by identity)
let a = import ./data/lib.nix; b = import ./data/lib.nix; in [ (a == b) (a.double == b.double) (a.answer == b.answer) ]
