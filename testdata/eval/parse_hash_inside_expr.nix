let a = 1; # trailing comment ; b = 2
in a
