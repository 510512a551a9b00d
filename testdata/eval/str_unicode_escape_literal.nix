# no \u escapes in Nix strings: \u is just u
"\u00e9"
