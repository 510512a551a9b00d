let n = 3; in "n+1=${toString (n + 1)} list=${toString [ n n ]} cond=${if n > 2 then "big" else "small"}"
