let s = { "key-1" = 1; }; n = 1; in [ (s ? "key-${toString n}") (s ? "key-${toString (n + 1)}") ]
