# a \u0000 in a JSON string truncates the Nix string (C string semantics)
[ (builtins.fromJSON "\"\\u0000\"") (builtins.fromJSON "\"a\\u0000b\"") ]
