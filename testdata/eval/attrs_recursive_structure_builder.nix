let mk = n: if n == 0 then { leaf = true; } else { child = mk (n - 1); depth = n; }; in mk 3
