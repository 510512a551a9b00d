let s = { a-b = { c = 1; }; }; k = "b"; in s."a-${k}".c
