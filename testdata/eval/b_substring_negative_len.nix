# a negative length means "to the end"
[ (builtins.substring 1 (-1) "abcdef") (builtins.substring 0 (-5) "abc") (builtins.substring 2 1000000000000 "abcdef") ]
