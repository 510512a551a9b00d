let sq = x: x * x; sumsq = a: b: sq a + sq b; in sumsq 3 4
