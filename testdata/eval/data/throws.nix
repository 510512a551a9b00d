# helper: a file whose value throws when forced
throw "thrown from data/throws.nix"
