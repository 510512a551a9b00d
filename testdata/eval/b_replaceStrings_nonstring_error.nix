builtins.replaceStrings [ "a" ] [ 1 ] "a"
