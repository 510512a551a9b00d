[ ([ [ 1 ] ] ++ [ [ 2 ] ] ++ [ [ ] ]) (builtins.concatLists [ [ [ 1 ] ] [ [ 2 ] ] ]) ]
