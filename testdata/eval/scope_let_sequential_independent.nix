# let bindings are mutually recursive and order-independent
let c = b + 1; b = a + 1; a = 1; in [ a b c ]
