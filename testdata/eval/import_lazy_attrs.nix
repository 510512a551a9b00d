# importing does not force attribute values
[ (import ./data/lazy.nix).good (builtins.attrNames (import ./data/lazy.nix)) ]
