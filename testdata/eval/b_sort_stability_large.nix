# sort is stable for a strict comparator even past the insertion-sort threshold
map (x: x.id) (builtins.sort (a: b: a.k < b.k) (builtins.genList (i: { k = builtins.bitAnd (i * 5) 3; id = i; }) 24))
