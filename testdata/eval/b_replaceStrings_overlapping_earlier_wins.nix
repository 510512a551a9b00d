builtins.replaceStrings [ "ab" "bc" ] [ "X" "Y" ] "abc"
