# selecting from a non-set (without or) is a type error
let x = 5; in x.y
