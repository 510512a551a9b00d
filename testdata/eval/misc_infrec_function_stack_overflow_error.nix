# unbounded recursion through a function is reported as a stack overflow
let f = x: f x; in f 1
