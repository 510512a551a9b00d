let v = "let"; in (v: with { v = "with"; }; v) "arg"
