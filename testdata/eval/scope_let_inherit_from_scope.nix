let src = { a = "outer"; }; in let src = { a = "inner"; }; inherit (src) a; in a
