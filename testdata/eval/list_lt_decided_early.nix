# list comparison stops at the first differing element
[ 1 (throw "x") ] < [ 2 (throw "y") ]
