# head/tail do not force the other elements
[ (builtins.head [ 1 (throw "x") ]) (builtins.length (builtins.tail [ (throw "x") 2 3 ])) ]
