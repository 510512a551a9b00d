# map is lazy in the elements
builtins.length (map (x: throw "never") [ 1 2 3 ])
