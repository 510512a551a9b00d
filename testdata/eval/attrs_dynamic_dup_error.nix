# truly dynamic keys never merge
let k = "a"; in { ${k}.b = 1; ${k}.c = 2; }
