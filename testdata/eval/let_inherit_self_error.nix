# inherit a in let refers to the let's own a: infinite recursion
let a = a; in a
