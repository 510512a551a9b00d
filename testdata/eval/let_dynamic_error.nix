# dynamic attributes are not allowed in let (unless the key is a literal string)
let k = "a"; in let ${k} = 1; in a
