# unary minus applies to the whole application
let f = x: x; in [ (- f 1) (-{ a = 1; }.a) (- builtins.length [ 1 ]) (2 * - 3) (-2 - -3) ]
