[ (builtins.partition (x: true) [ 1 2 ]) (builtins.partition (x: false) [ 1 2 ]) ]
