# at each position the first matching pattern in the list wins (not the longest)
[ (builtins.replaceStrings [ "a" "aa" ] [ "1" "2" ] "aaa") (builtins.replaceStrings [ "aa" "a" ] [ "2" "1" ] "aaa") ]
