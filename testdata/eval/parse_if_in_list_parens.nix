[ (if true then 1 else 0) (let a = 2; in a) (with { b = 3; }; b) (assert true; 4) ((x: x) 5) ]
