let s = { inherit (s) a; }; in s.a
