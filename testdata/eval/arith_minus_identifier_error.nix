# x-1 parses as one identifier, which is undefined
let x = 3; in x-1
