let s = { a = 1; } // s; in s.a
