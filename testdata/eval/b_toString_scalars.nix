# toString of bools, null, ints, strings
[ (toString true) (toString false) (toString null) (toString 42) (toString (-7)) (toString "s") ]
