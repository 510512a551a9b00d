# lists of different lengths are unequal without forcing elements
[ 1 (throw "x") ] == [ 1 ]
