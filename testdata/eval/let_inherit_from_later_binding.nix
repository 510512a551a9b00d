let inherit (x) y; x = { y = 5; }; in y
