let k = "b"; s = { a = 1; }; in [ (s.${k} or "none") (s.${"a"} or "none") ({ }.${k}.c or "deep") ]
