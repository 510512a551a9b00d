builtins.toJSON [ { type = "derivation"; outPath = "/nix/store/x"; name = "n"; } ]
