# inherit in a nested let takes the value from the enclosing scope
let a = 1; in let inherit a; b = a + 1; in [ a b ]
