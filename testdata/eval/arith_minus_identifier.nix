# "x-1" is an identifier, not x minus 1
let x-1 = 3; x = 10; in [ x-1 (x - 1) ]
