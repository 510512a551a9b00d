# once a float enters, the result is a float
[ (1 + 2 + 3.0) (builtins.typeOf (1 + 2 + 3.0)) (2 * 3 / 4.0) (10 / 4 * 1.0) ]
