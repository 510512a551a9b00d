# lists are joined with spaces; nested lists are flattened; null/false become ""
[ (toString [ 1 2 [ 3 [ 4 ] ] null true false "s" ]) (toString [ ]) (toString [ [ ] [ ] ]) (toString [ "a" [ ] "b" ]) ]
