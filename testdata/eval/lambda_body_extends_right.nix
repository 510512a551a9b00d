# a lambda body extends as far right as possible
let f = x: x + 1; in (y: f y * 2) 3
