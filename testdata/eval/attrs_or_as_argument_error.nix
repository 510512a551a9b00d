# "f or" applies f to a variable called or (pre-2.x compatibility) — here undefined
let f = x: x; in f or
