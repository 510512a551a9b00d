# "f or" is f applied to a variable named or, which with can provide
let f = x: x + 1; in with { or = 5; }; f or
