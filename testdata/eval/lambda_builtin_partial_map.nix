let mapInc = map (x: x + 1); in [ (mapInc [ 1 2 ]) (mapInc [ ]) ]
