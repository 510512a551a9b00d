let s = { a = 1; }; in with s; with { a = 2; }; a
