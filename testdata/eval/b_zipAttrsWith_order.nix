builtins.zipAttrsWith (name: vs: builtins.concatStringsSep "," (map toString vs)) [ { b = 1; a = 2; } { b = 3; } { a = 4; c = 5; } ]
