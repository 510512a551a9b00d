# comparison stops at the first difference
[ ([ 1 (throw "x") ] == [ 2 (throw "y") ]) ({ a = 1; z = throw "z"; } == { a = 2; z = throw "z"; }) ]
