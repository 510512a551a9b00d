# a non-strict comparator (<=) reverses runs of equal elements
map (x: x.i) (builtins.sort (a: b: a.k <= b.k) (builtins.genList (i: { k = i / 5; inherit i; }) 20))
