let x = 1; in { outer = { inherit x; inner = { inherit x; }; }; }
