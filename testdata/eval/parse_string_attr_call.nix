let s = { "a-b" = x: x + 1; }; in s."a-b" 1
