# "1." is a float literal, so this is 1.0 applied to the variable a
1.a
