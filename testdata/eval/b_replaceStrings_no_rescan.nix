# replacements are not rescanned
[ (builtins.replaceStrings [ "ab" ] [ "ba" ] "aabb") (builtins.replaceStrings [ "o" ] [ "oo" ] "foo") (builtins.replaceStrings [ "a" "b" ] [ "b" "a" ] "ab") ]
