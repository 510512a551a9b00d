# distinct function values are never equal
[ ((x: x) == (x: x)) ((x: x) != (x: x)) ([ 1 (x: x) ] == [ 1 (x: x) ]) ({ a = 1; b = x: x; } == { a = 1; b = x: x; }) (builtins.map == builtins.map) ]
