# recursion through a self-applied lambda
let y = f: (x: f (x x)) (x: f (x x)); fact = y (self: n: if n == 0 then 1 else n * self (n - 1)); in fact 10
