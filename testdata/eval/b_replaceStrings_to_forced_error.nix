# Nix 2.8 forces every replacement string up front, even unused ones
builtins.replaceStrings [ "x" ] [ (throw "to forced") ] "abc"
