# A set built under `with arg;` inside a function may read the argument: calls must not share it
let f = x: with x; { a = [ y ]; b = { c = y; }; }; in [ (f { y = 1; }).a (f { y = 2; }).a (f { y = 3; }).b ]
