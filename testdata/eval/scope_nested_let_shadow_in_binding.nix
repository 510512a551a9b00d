let a = 1; b = let a = 10; in a + 1; in [ a b ]
