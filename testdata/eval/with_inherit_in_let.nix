with { x = 1; }; let inherit x; in x + 1
