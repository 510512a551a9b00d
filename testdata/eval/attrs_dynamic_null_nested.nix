# a null dynamic key at the head of a path drops the whole definition
let k = null; in { ${k}.b = 1; c = 2; }
