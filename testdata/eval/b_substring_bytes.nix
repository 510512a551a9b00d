# substring works on bytes, not characters
[ (builtins.substring 1 2 "héllo") (builtins.substring 0 1 "") (builtins.substring 3 0 "abc") (builtins.substring 4 0 "abc") (builtins.substring 4 2 "abc") ]
