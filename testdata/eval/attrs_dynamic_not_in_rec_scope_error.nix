# dynamic attributes of a rec set are not in its scope
let k = "a"; in rec { ${k} = 1; b = a; }
