let a-b = 1; c' = 2; _d = 3; e_'-f = 4; in [ a-b c' _d e_'-f ]
