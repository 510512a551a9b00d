[ (builtins.concatLists [ [ 1 ] [ ] [ [ 2 ] ] ]) (builtins.concatLists [ ]) ]
