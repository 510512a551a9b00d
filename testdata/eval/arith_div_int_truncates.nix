# integer division truncates toward zero
[ (7 / 2) (-7 / 2) (7 / -2) (-7 / -2) (1 / 3) (0 / 5) (builtins.div (-9) 4) ]
