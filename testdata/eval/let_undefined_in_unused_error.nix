# undefined variables are detected statically, even in unused bindings
let x = y; in 1
