# A file's function with an `args@` pattern sees each call's own argument set
let a = 1; g = import ./data/args_position.nix; in [
  (g { inherit a; })
  (g { inherit a; })
]
