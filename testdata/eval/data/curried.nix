# helper: a curried function
a: b: a * 10 + b
