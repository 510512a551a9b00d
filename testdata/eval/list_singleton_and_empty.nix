[ [ ] [ [ ] ] [ null ] (builtins.length [ [ ] ]) ]
