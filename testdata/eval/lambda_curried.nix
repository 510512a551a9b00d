let sub = x: y: x - y; minus10 = sub 10; in [ (sub 10 3) (minus10 4) (map (sub 1) [ 1 2 ]) ]
