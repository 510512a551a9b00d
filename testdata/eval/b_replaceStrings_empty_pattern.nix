# an empty pattern matches at every position, including the end
[ (builtins.replaceStrings [ "" ] [ "-" ] "") (builtins.replaceStrings [ "" "a" ] [ "-" "X" ] "ab") (builtins.replaceStrings [ "a" "" ] [ "X" "-" ] "ab") ]
