# f -1 is f minus 1, not f applied to -1
let f = x: -x; in f -1
