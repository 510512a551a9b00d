# a cyclic binding that is never used is harmless
let a = b; b = a; c = 1; in c
