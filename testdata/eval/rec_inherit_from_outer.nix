# inherit in rec takes the outer binding, which rec members then see
let a = 1; in rec { inherit a; b = a + 1; }
