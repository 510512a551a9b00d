[ (throw "forced by list ==") ] == [ 1 ]
