let s = { "a b" = 1; "c-d" = 2; }; in { inherit (s) "a b" c-d; }
