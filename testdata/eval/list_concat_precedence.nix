# ++ binds tighter than ==; list concatenation is shallow
[ ([ 1 ] ++ [ 2 ] == [ 1 2 ]) ([ ] ++ [ ]) ([ [ 1 ] ] ++ [ [ 2 ] ]) ]
